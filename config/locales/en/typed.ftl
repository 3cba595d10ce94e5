# Buttons shown as a numbered list, on a messenger without buttons (Zalo).
typed-choice-hint = Type the number or the words to choose.
typed-ticks-hint = Type one or more numbers to tick, e.g. 1 3 4
typed-values-hint = Type a number, or the words of a line marked •.
typed-out-of-range = There is no choice number { $wrong }. Please type one of: { $valid }.
typed-one-only = Choose only one here. Please type one of: { $valid }.
