/**
 * The few icons the app draws, inline: zmp-ui's icon font loads from h5.zadn.vn, which an offline phone,
 * a strict Content-Security-Policy or the tests' loopback cannot reach. Decorative: labels carry the meaning.
 */
const paths = {
  home: "M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
  chart: "M4 20V10h3v10zm6.5 0V4h3v16zM17 20v-7h3v7z",
  news: "M4 4h13v16H6a2 2 0 0 1-2-2zm13 4h3v10a2 2 0 0 1-2 2h-1M7 8h7M7 12h7M7 16h4",
  bell: "M6 16V11a6 6 0 1 1 12 0v5l2 2H4zm4 4h4",
  back: "M15 5l-7 7 7 7",
  share: "M16 6l-4-4-4 4M12 2v13M5 11v9h14v-9",
  download: "M12 3v12m-5-5 5 5 5-5M5 20h14",
  retry: "M20 12a8 8 0 1 1-2.34-5.66M20 4v5h-5",
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 24 }: { name: IconName; size?: number }) {
  const filled = name === "home" || name === "chart";
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="icon">
      <path
        d={paths[name]}
        fill={filled ? "currentColor" : "none"}
        stroke={filled ? "none" : "currentColor"}
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
