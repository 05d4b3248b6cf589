package dev.qstash.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The keys map, under the MicroProfile Config rules, to exactly the variables the official SDKs read. */
class QStashConfigNamesTest {

    @Test
    void singleRegionKeysAreTheSdkVariables() {
        assertEquals("QSTASH_URL", QStashConfigNames.environmentVariable(QStashConfigNames.URL));
        assertEquals("QSTASH_TOKEN", QStashConfigNames.environmentVariable(QStashConfigNames.TOKEN));
        assertEquals("QSTASH_CURRENT_SIGNING_KEY",
                QStashConfigNames.environmentVariable(QStashConfigNames.CURRENT_SIGNING_KEY));
        assertEquals("QSTASH_NEXT_SIGNING_KEY",
                QStashConfigNames.environmentVariable(QStashConfigNames.NEXT_SIGNING_KEY));
        assertEquals("QSTASH_REGION", QStashConfigNames.environmentVariable(QStashConfigNames.REGION));
    }

    @Test
    void regionalKeysPutTheRegionFirst() {
        assertEquals("us-east-1.qstash.token",
                QStashConfigNames.regional(QStashRegion.US_EAST_1, QStashConfigNames.TOKEN));
        assertEquals("US_EAST_1_QSTASH_TOKEN", QStashConfigNames.environmentVariable(
                QStashConfigNames.regional(QStashRegion.US_EAST_1, QStashConfigNames.TOKEN)));
        assertEquals("EU_CENTRAL_1_QSTASH_NEXT_SIGNING_KEY", QStashConfigNames.environmentVariable(
                QStashConfigNames.regional(QStashRegion.EU_CENTRAL_1, QStashConfigNames.NEXT_SIGNING_KEY)));
        assertEquals("US_EAST_1_QSTASH_URL", QStashConfigNames.environmentVariable(
                QStashConfigNames.regional(QStashRegion.US_EAST_1, QStashConfigNames.URL)));
    }

    @Test
    void receiverOptions() {
        assertEquals("QSTASH_VERIFY_CLOCK_TOLERANCE",
                QStashConfigNames.environmentVariable(QStashConfigNames.VERIFY_CLOCK_TOLERANCE));
        assertEquals("QSTASH_VERIFY_MAX_BODY_SIZE",
                QStashConfigNames.environmentVariable(QStashConfigNames.VERIFY_MAX_BODY_SIZE));
    }
}
