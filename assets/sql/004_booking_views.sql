-- Booking read models shared by the dashboard, the event log and the live
-- stream: what the admin must do next (§5.14), ETA risk (§5.18), the
-- booking summary carried by every event (§8.17), and who may see an
-- event (§5.19). Written as SQL so one statement serves a whole page.

-- SPEC §5.2: the status a customer sees.
CREATE FUNCTION revcare_status_customer(status_id integer,
    drop_validated boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE status_id
     WHEN 1 THEN 'booked' WHEN 2 THEN 'pickup' WHEN 3 THEN 'pickup'
     WHEN 4 THEN 'analysis' WHEN 5 THEN 'analysis' WHEN 6 THEN 'in-progress'
     WHEN 7 THEN 'completed' WHEN 8 THEN 'completed'
     WHEN 9 THEN CASE WHEN drop_validated THEN 'delivered' ELSE 'completed' END
     WHEN 10 THEN 'cancelled' END $$;

-- Whether the drop progress of a delivered booking is validated.
CREATE FUNCTION revcare_drop_validated(bid integer) RETURNS boolean
    LANGUAGE sql STABLE AS
$$ SELECT coalesce((SELECT p.validated FROM booking_progress p
     WHERE p.booking_id = bid AND p.status_id = 8
     ORDER BY p.created_at DESC, p.id DESC LIMIT 1), false) $$;

-- SPEC §5.14: the admin's next action on a booking.
CREATE FUNCTION revcare_action_required(bid integer) RETURNS text
    LANGUAGE sql STABLE AS
$$
WITH b AS (SELECT * FROM bookings WHERE id = bid),
  act AS (SELECT EXISTS (SELECT 1 FROM booking_assignment
            WHERE booking_id = bid AND status_id = 11) AS v),
  lp AS (SELECT (SELECT p.validated FROM booking_progress p
            WHERE p.booking_id = bid
            ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS v),
  an AS (SELECT coalesce((SELECT validated FROM booking_analysis
            WHERE booking_id = bid), false) AS v),
  work AS (SELECT EXISTS (SELECT 1 FROM booked_services
            WHERE booking_id = bid AND status_id = 12 AND NOT completed) AS v),
  ret AS (SELECT EXISTS (SELECT 1 FROM booking_assignment a, b
            WHERE a.booking_id = bid AND a.assignment_type_id = 2
              AND a.status_id <> 17 AND a.assigned_at >= b.cancelled_at) AS v),
  retp AS (SELECT (SELECT p.validated FROM booking_progress p
            WHERE p.booking_id = bid AND p.status_id = 10
            ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS v)
SELECT CASE
  WHEN b.status_id IN (1, 7) THEN
    CASE WHEN act.v THEN 'none' ELSE 'assign' END
  WHEN b.status_id = 3 THEN
    CASE WHEN lp.v IS NULL THEN 'none' WHEN NOT lp.v THEN 'validate'
         WHEN act.v THEN 'none' ELSE 'assign' END
  WHEN b.status_id = 5 THEN
    CASE WHEN an.v THEN 'waiting' ELSE 'validate' END
  WHEN b.status_id = 6 THEN
    CASE WHEN act.v THEN 'none' WHEN lp.v = false THEN 'validate'
         WHEN NOT work.v THEN 'none' ELSE 'assign' END
  WHEN b.status_id = 9 THEN
    CASE WHEN lp.v = false THEN 'validate' ELSE 'none' END
  WHEN b.status_id = 10 AND b.car_received THEN
    CASE WHEN NOT ret.v THEN 'assign' WHEN retp.v = false THEN 'validate'
         ELSE 'none' END
  ELSE 'none' END
FROM b, act, lp, an, work, ret, retp
$$;

-- SPEC §5.18: on_track / at_risk / overdue, null once closed. The
-- workshop day length comes from the session setting revcare.working_hrs
-- (set by revcared from WORKING_HRS; 9 if unset).
CREATE FUNCTION revcare_eta_risk(bid integer) RETURNS text
    LANGUAGE sql STABLE AS
$$
WITH b AS (SELECT * FROM bookings WHERE id = bid),
  h AS (SELECT coalesce(sum(s.time_hrs), 0)
          + CASE WHEN NOT EXISTS (SELECT 1 FROM booking_analysis
                 WHERE booking_id = bid) THEN 1 ELSE 0 END
          + 2 AS hours
        FROM booked_services bs JOIN services s ON s.id = bs.service_id, b
        WHERE bs.booking_id = bid AND NOT bs.completed AND
          CASE WHEN EXISTS (SELECT 1 FROM booked_services x
                 WHERE x.booking_id = bid AND x.status_id IN (12, 13))
               THEN bs.status_id = 12 ELSE bs.status_id = 1 END)
SELECT CASE
  WHEN b.status_id IN (9, 10) THEN NULL
  WHEN now() > b.promised_at THEN 'overdue'
  WHEN h.hours * 24.0 / coalesce(nullif(current_setting('revcare.working_hrs',
       true), '')::numeric, 9) > extract(epoch FROM b.promised_at - now()) / 3600
    THEN 'at_risk'
  ELSE 'on_track' END
FROM b, h
$$;

-- SPEC §8.17: the booking summary every event carries (the raw form;
-- the stream adapts it for customers).
CREATE FUNCTION revcare_booking_summary(bid integer) RETURNS jsonb
    LANGUAGE sql STABLE AS
$$
SELECT jsonb_build_object(
  'id', b.id, 'status', s.name, 'status_id', b.status_id,
  'customer_status', revcare_status_customer(b.status_id,
      revcare_drop_validated(b.id)),
  'customer_id', b.customer_id, 'customer_name', c.name,
  'car', jsonb_build_object('manufacturer', m.name, 'model', cm.model,
      'reg_no', b.car_reg_number),
  'pickup_date', b.pickup_date, 'drop_date', b.drop_date,
  'payment_method', pm.name,
  'validate_price', b.status_id = 5 AND coalesce(an.validated, false),
  'promised_at', revcare_ts(b.promised_at),
  'updated_at', revcare_ts(b.updated_at),
  'action_required', revcare_action_required(b.id),
  'eta_risk', revcare_eta_risk(b.id),
  'latest_assignment', (SELECT jsonb_build_object('id', a.id,
        'mechanic', jsonb_build_object('id', me.id, 'name', me.name),
        'assignment_type', t.name, 'status', st.name)
      FROM booking_assignment a
      JOIN mechanics me ON me.id = a.mechanic_id
      JOIN assignment_types t ON t.id = a.assignment_type_id
      JOIN status st ON st.id = a.status_id
      WHERE a.booking_id = b.id
      ORDER BY a.assigned_at DESC, a.id DESC LIMIT 1))
FROM bookings b
JOIN status s ON s.id = b.status_id
JOIN customers c ON c.id = b.customer_id
JOIN customer_cars cc ON cc.id = b.customer_car_id
JOIN cars cm ON cm.id = cc.car_model_id
JOIN manufacturers m ON m.id = cm.manufacturer_id
LEFT JOIN payment_methods pm ON pm.id = b.payment_method_id
LEFT JOIN booking_analysis an ON an.booking_id = b.id
WHERE b.id = bid
$$;

-- SPEC §5.19: the non-admin users who may see an event: the customer for
-- the kinds marked C, the mechanic holding the active assignment, and the
-- mechanic an assignment event names.
CREATE FUNCTION revcare_event_audience(bid integer, kind text, data jsonb)
    RETURNS text[] LANGUAGE sql STABLE AS
$$
SELECT coalesce(array_agg(DISTINCT x) FILTER (WHERE x IS NOT NULL), '{}')
FROM (
  SELECT b.customer_id AS x FROM bookings b
  WHERE b.id = bid AND kind IN ('created', 'assigned', 'status_changed',
    'progress_validated', 'analysis_validated', 'services_confirmed',
    'payment_pending', 'payment_received', 'payment_failed',
    'invoice_issued', 'cancelled', 'refund_created', 'refund_processed',
    'refund_failed')
  UNION ALL
  SELECT a.mechanic_id FROM booking_assignment a
  WHERE a.booking_id = bid AND a.status_id = 11
  UNION ALL
  SELECT data->>'mechanic_id' WHERE kind IN ('assigned',
    'assignment_completed', 'assignment_released')
) u
$$;

-- SPEC §5.19: what a customer sees of an event's data: the mechanic's name
-- and the type of an assignment, statuses in customer-facing names.
CREATE FUNCTION revcare_event_data_customer(kind text, data jsonb)
    RETURNS jsonb LANGUAGE sql STABLE AS
$$ SELECT CASE kind
     WHEN 'assigned' THEN jsonb_build_object(
       'mechanic_name', data->'mechanic_name',
       'assignment_type', data->'assignment_type')
     WHEN 'status_changed' THEN jsonb_build_object(
       'from', revcare_status_customer((data->>'from_id')::int, false),
       'to', revcare_status_customer((data->>'to_id')::int, false))
     ELSE data END $$;
