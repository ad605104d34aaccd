/** Names the currencies the queue cannot weigh against the rest, and where to give them a rate. */
export function FxRatesBanner({ currencies, onSet }: { currencies: string[]; onSet(): void }) {
  const list = currencies.length === 1 ? currencies[0] : `${currencies.slice(0, -1).join(', ')} and ${currencies.at(-1)}`;
  return (
    <div className="notice" role="status" data-testid="fx-banner">
      <span>
        <strong>No exchange rate for {list}.</strong> Until there is one, {currencies.length === 1 ? 'it is' : 'each is'} ranked on{' '}
        {currencies.length === 1 ? 'its' : 'their'} own, after the other currencies, instead of being weighed against them. Filter by currency to work one at a
        time.
      </span>
      <button type="button" className="button small" onClick={onSet}>
        Set rates
      </button>
    </div>
  );
}
