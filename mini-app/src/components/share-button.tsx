import { citizenConfig } from "../config";
import { appLocation } from "../app-location";
import { appLink } from "../routing";
import { share } from "../zalo";
import { ActionButton } from "./action-button";
import { Icon } from "./icons";

/** Shares a page of the app: Zalo's share sheet inside Zalo, the link elsewhere. */
export function ShareButton({
  title,
  description,
  path,
  label,
}: {
  title: string;
  description: string;
  path: string;
  label: string;
}) {
  return (
    <ActionButton
      variant="secondary"
      icon={<Icon name="share" size={20} />}
      action={() =>
        share({
          title,
          description,
          path,
          url: appLink(window.location.origin, appLocation.base, path),
          thumbnail: citizenConfig.shareThumbnail,
        })
      }
    >
      {label}
    </ActionButton>
  );
}
