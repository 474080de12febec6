// Reasons worked out when first read. Every check of every school has a reason in two languages, but a
// batch's ranking reads none of them: building them all was the largest part of scoring a school.
import type { Text } from './types.js';

/**
 * A text made on first read of `zh` or `en`, then kept. It reads like any Text, and JSON.stringify gives its
 * fields; but they are getters of its class, which spreading, Object.keys and a structured clone (a worker's
 * message) do not see. Sheets hold `plainText` copies (report/sheet.ts); a Finding's reason, as a rule kind
 * (RULE_KINDS) gives it, is lazy. Own getters on each text would be seen by all three, but making them cost
 * more than the texts they spare.
 */
class LazyText implements Text {
  #make: (() => Text) | undefined;
  #made: Text | undefined;

  constructor(make: () => Text) {
    this.#make = make;
  }

  #text(): Text {
    if (this.#made === undefined) {
      this.#made = (this.#make as () => Text)();
      this.#make = undefined;
    }
    return this.#made;
  }

  get zh(): string {
    return this.#text().zh;
  }

  get en(): string {
    return this.#text().en;
  }

  toJSON(): Text {
    return this.#text();
  }
}

export const lazyText = (make: () => Text): Text => new LazyText(make);

/** A Text as plain data: the same two fields, made if they are lazy. */
export const plainText = (t: Text): Text => ({ zh: t.zh, en: t.en });
