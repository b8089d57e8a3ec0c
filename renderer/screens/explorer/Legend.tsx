// What the shapes, colours and line styles mean.
export function Legend() {
  return (
    <ul className="explorer-legend small muted" aria-label="Legend">
      <li>
        <i className="lg-identity" /> identity
      </li>
      <li>
        <i className="lg-human" /> human
      </li>
      <li>
        <i className="lg-group" /> group / role
      </li>
      <li>
        <i className="lg-credential" /> credential
      </li>
      <li>
        <i className="lg-system" /> system (colour = criticality)
      </li>
      <li>
        <i className="lg-compromised" /> compromised
      </li>
      <li>
        <i className="lg-crown" /> crown jewel
      </li>
      <li>
        <b className="lg-granted" /> granted
      </li>
      <li>
        <b className="lg-exercised" /> exercised in the logs
      </li>
      <li>
        <b className="lg-admin" /> admin access
      </li>
    </ul>
  );
}
