package dev.qstash.jakarta.tck.util;

/**
 * The fixed tokens and signing keys the suite configures. Fixed so that a scan of the server log can prove none of
 * them was ever written there ({@code ServerLogTest}).
 */
public final class TckKeys {

    public static final String EU_TOKEN = "qstash_tck_eu_token_4f8Jk2LmQx9Zr1Tb";
    public static final String EU_CURRENT = "sig_tckEuCurrent7Hq2Wx9Lm4Pz8Rk3";
    public static final String EU_NEXT = "sig_tckEuNext5Vb1Nc6Jd2Kf9Gh4Ts7";
    public static final String US_TOKEN = "qstash_tck_us_token_7Yp3Dn5Wq8Cv2Hs6";
    public static final String US_CURRENT = "sig_tckUsCurrent2Mz8Qv5Xb1Lr7Fj4";
    public static final String US_NEXT = "sig_tckUsNext9Ke3Wn6Tp1Gy4Hc8Rd2";
    /** A key no configuration holds: tokens signed with it must be rejected. */
    public static final String FOREIGN = "sig_tckForeign0Aa1Bb2Cc3Dd4Ee5Ff";

    /** Every secret above, for scans. */
    public static final String[] ALL = {EU_TOKEN, EU_CURRENT, EU_NEXT, US_TOKEN, US_CURRENT, US_NEXT, FOREIGN};

    private TckKeys() {
    }
}
