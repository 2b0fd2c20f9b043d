/** A link back up to a list screen: a real link to its route, followed in the app without a reload. */
export function BackLink({ route, label, onNavigate }: { route: string; label: string; onNavigate(route: string): void }) {
  return (
    <p className="back-link">
      <a
        href={`#/${route}`}
        onClick={(e) => {
          e.preventDefault();
          onNavigate(route);
        }}
      >
        {label}
      </a>
    </p>
  );
}
