-- SQL helpers for building API JSON in one statement: the wire forms of
-- SPEC §1.4 (instants) and §1.5 (money), so every handler formats alike.

-- An instant as the API writes it: UTC, six fraction digits, Z.
CREATE FUNCTION revcare_ts(t timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

-- Money (or hours) as a string with exactly two decimals: "1770.00".
CREATE FUNCTION revcare_money(x numeric) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT to_char(x, 'FM9999999999990.00') $$;

-- Money as a JSON number in rupees with at least one fraction digit
-- (1500.0, 99.99), for the original's "number, rupees" fields.
CREATE FUNCTION revcare_rupees(x numeric) RETURNS json
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN x = trunc(x) THEN (trunc(x)::text || '.0')::json
               ELSE (trim(trailing '0' FROM x::text))::json END $$;
