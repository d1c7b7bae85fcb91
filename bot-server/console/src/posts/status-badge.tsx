import { Badge } from "@mantine/core";
import type { PostStatus } from "@cds/shared/schemas/posts";
import { STATUS_COLORS, STATUS_LABELS } from "../format";

export function StatusBadge({ status }: { status: PostStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" data-status={status}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
