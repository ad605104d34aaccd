/**
 * The median of the numbers added so far (the mean of the two middle ones for an even count, as
 * `median` gives it), in O(log n) per number: the lower half in a max-heap, the upper in a min-heap.
 */
export class RunningMedian {
  private readonly lower = new Heap((a, b) => b - a);
  private readonly upper = new Heap((a, b) => a - b);

  add(value: number): void {
    if (this.lower.size === 0 || value <= this.lower.peek()!) this.lower.push(value);
    else this.upper.push(value);
    if (this.lower.size > this.upper.size + 1) this.upper.push(this.lower.pop()!);
    else if (this.upper.size > this.lower.size) this.lower.push(this.upper.pop()!);
  }

  /** Null before anything was added. */
  value(): number | null {
    if (this.lower.size === 0) return null;
    return this.lower.size > this.upper.size ? this.lower.peek()! : (this.lower.peek()! + this.upper.peek()!) / 2;
  }
}

/** A binary heap ordered by `before` (negative: a comes out first). */
class Heap {
  private readonly items: number[] = [];

  constructor(private readonly before: (a: number, b: number) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): number | undefined {
    return this.items[0];
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (this.before(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let first = i;
        if (left < items.length && this.before(items[left]!, items[first]!) < 0) first = left;
        if (right < items.length && this.before(items[right]!, items[first]!) < 0) first = right;
        if (first === i) break;
        [items[i], items[first]] = [items[first]!, items[i]!];
        i = first;
      }
    }
    return top;
  }
}
