-- Assignment workload (SPEC §5.15): what one active assignment weighs in
-- hours, and a mechanic's total over his active assignments. One
-- definition for the automatic assignment and GET /mechanics/workload.

-- Hours of one assignment of type type_id on booking bid: analysis 1,
-- pickup and drop 2, service the time_hrs of the booking's confirmed
-- services not yet completed; other (custom) types weigh nothing.
CREATE FUNCTION revcare_assignment_hours(type_id integer, bid integer)
    RETURNS numeric LANGUAGE sql STABLE AS
$$ SELECT CASE type_id
     WHEN 4 THEN 1.00
     WHEN 1 THEN 2.00
     WHEN 2 THEN 2.00
     WHEN 3 THEN (SELECT coalesce(sum(s.time_hrs), 0.00)
         FROM booked_services bs JOIN services s ON s.id = bs.service_id
         WHERE bs.booking_id = bid AND bs.status_id = 12
           AND NOT bs.completed)
     ELSE 0.00 END $$;

-- A mechanic's active hours: the sum over his active (status 11)
-- assignments, two decimals ("3.50" as text).
CREATE FUNCTION revcare_mechanic_hours(mid text) RETURNS numeric
    LANGUAGE sql STABLE AS
$$ SELECT round(coalesce(sum(revcare_assignment_hours(a.assignment_type_id,
       a.booking_id)), 0), 2)
   FROM booking_assignment a
   WHERE a.mechanic_id = mid AND a.status_id = 11 $$;
