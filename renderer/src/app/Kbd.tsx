/** Key caps: ["g", "w"] reads as g then w. */
export function Kbd({ keys }: { keys: readonly string[] }) {
  return (
    <span className="kbd-group">
      {keys.map((key, index) => (
        <kbd key={`${index}-${key}`}>{key}</kbd>
      ))}
    </span>
  );
}
