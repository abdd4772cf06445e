package io.peeros.environment.internal.blueprint;

/** Something with a place in the file: a value or a mapping key. Line and column count from 1. */
interface Located {

    int line();

    int column();

    /** Where an operator's {@code --var} is reported: outside the file. */
    Located OUTSIDE = new Located() {
        @Override
        public int line() {
            return 0;
        }

        @Override
        public int column() {
            return 0;
        }
    };
}
