package dev.qstash.jakarta.manage;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A lazy stream over cursor pages: the next page is fetched when the previous one is used up. */
final class Pages {

    private Pages() {
    }

    static <T> Stream<T> stream(Function<String, Page<T>> fetch) {
        Iterator<T> iterator = new Iterator<>() {

            private Iterator<T> items = Collections.emptyIterator();
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!items.hasNext() && !last) {
                    Page<T> page = fetch.apply(cursor);
                    items = page.items().iterator();
                    cursor = page.cursor();
                    last = cursor == null;
                }
                return items.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return items.next();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
