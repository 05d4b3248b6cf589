package dev.qstash.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class QStashRegionTest {

    @Test
    void everySpellingTheSdkAcceptsParses() {
        for (String value : new String[]{"US_EAST_1", "us-east-1", "US-EAST-1", "us_east_1", "Us-East_1"}) {
            assertEquals(Optional.of(QStashRegion.US_EAST_1), QStashRegion.parse(value), value);
        }
        assertEquals(Optional.of(QStashRegion.EU_CENTRAL_1), QStashRegion.parse("eu-central-1"));
    }

    @Test
    void unknownEmptyAndPaddedValuesAreNoRegion() {
        for (String value : new String[]{null, "", "AP_SOUTH_1", " US_EAST_1", "US_EAST_1 ", "US_EAST"}) {
            assertEquals(Optional.empty(), QStashRegion.parse(value), String.valueOf(value));
        }
    }

    @Test
    void spellings() {
        assertEquals("us-east-1", QStashRegion.US_EAST_1.configPrefix());
        assertEquals("US-EAST-1", QStashRegion.US_EAST_1.headerValue());
        assertEquals("https://qstash-eu-central-1.upstash.io", QStashRegion.EU_CENTRAL_1.defaultUrl());
    }
}
