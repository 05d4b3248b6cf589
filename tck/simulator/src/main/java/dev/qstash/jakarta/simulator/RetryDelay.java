package dev.qstash.jakarta.simulator;

import java.time.Duration;
import java.util.List;

import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.ValidationResult;
import net.objecthunter.exp4j.function.Function;

/**
 * An {@code Upstash-Retry-Delay} expression (docs: features/retry): milliseconds as arithmetic over the variable
 * {@code retried} (0 for the first retry) with {@code pow}, {@code sqrt}, {@code abs}, {@code exp}, {@code floor},
 * {@code ceil}, {@code round}, {@code min} and {@code max}, evaluated by exp4j. A negative result is no wait.
 */
final class RetryDelay {

    static final String VARIABLE = "retried";

    /** QStash's functions that exp4j does not have built in ({@code pow} and the others are). */
    private static final List<Function> FUNCTIONS = List.of(new Function("min", 2) {

        @Override
        public double apply(double... args) {
            return Math.min(args[0], args[1]);
        }
    }, new Function("max", 2) {

        @Override
        public double apply(double... args) {
            return Math.max(args[0], args[1]);
        }
    }, new Function("round", 1) {

        @Override
        public double apply(double... args) {
            return Math.round(args[0]);
        }
    });

    private final String text;
    private final Expression expression;

    private RetryDelay(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
    }

    /** The expression, or an {@link ApiError} 400 that says what is wrong with it. */
    static RetryDelay parse(String text) {
        Expression expression;
        try {
            expression = new ExpressionBuilder(text).functions(FUNCTIONS).variable(VARIABLE).build();
        } catch (RuntimeException e) {
            throw invalid(text, e.getMessage());
        }
        ValidationResult result = expression.setVariable(VARIABLE, 0).validate(true);
        if (!result.isValid()) {
            throw invalid(text, String.join("; ", result.getErrors()));
        }
        return new RetryDelay(text, expression);
    }

    private static ApiError invalid(String text, String reason) {
        return new ApiError(400, "invalid Upstash-Retry-Delay expression \"" + text + "\": " + reason);
    }

    String text() {
        return text;
    }

    /** The wait before the retry after attempt {@code retried}; {@code null} if the value is not a number. */
    Duration after(int retried) {
        double millis;
        try {
            synchronized (expression) {
                millis = expression.setVariable(VARIABLE, retried).evaluate();
            }
        } catch (ArithmeticException e) {
            return null;
        }
        if (Double.isNaN(millis)) {
            return null;
        }
        return Duration.ofMillis(Math.max(0, (long) Math.min(millis, Long.MAX_VALUE / 2)));
    }
}
