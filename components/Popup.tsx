// PLACEHOLDER (scaffold): the real popup comes with issue 6.
/** The toolbar popup. */
export function Popup() {
  return (
    <main>
      <h1>Claimlight</h1>
    </main>
  );
}
