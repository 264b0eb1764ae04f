-- RevCare sample data (SPEC §11.9), development only: sample users (is_sample = true), their
-- customer/admin/mechanic rows, mechanic categories, addresses and customer cars.
-- Idempotent: inserted only when missing, never overwritten; sequences only move forward.

-- Every sample user's password is 'Sk18102004.' (argon2id, m=19456 KiB, t=2, p=1, 16-byte salt,
-- 32-byte tag). revcared refuses to start outside development while any of them is active.
INSERT INTO users (id, role_id, phone, password, is_active, is_sample) VALUES
    ('ADM000001', 1, 9841385379, '$argon2id$v=19$m=19456,t=2,p=1$L2w5Tm1GUnQ5ZTVkMktLSQ$rYg8+YcsWiTNMJcgAtO7auMrtlMl9d9zKcfr4eZiCA0', true, true),
    ('CST000001', 3, 7904593204, '$argon2id$v=19$m=19456,t=2,p=1$L2w5Tm1GUnQ5ZTVkMktLSQ$rYg8+YcsWiTNMJcgAtO7auMrtlMl9d9zKcfr4eZiCA0', true, true),
    ('CST000002', 3, 7904593205, '$argon2id$v=19$m=19456,t=2,p=1$L2w5Tm1GUnQ5ZTVkMktLSQ$rYg8+YcsWiTNMJcgAtO7auMrtlMl9d9zKcfr4eZiCA0', true, true),
    ('MEC000001', 2, 6374159500, '$argon2id$v=19$m=19456,t=2,p=1$L2w5Tm1GUnQ5ZTVkMktLSQ$rYg8+YcsWiTNMJcgAtO7auMrtlMl9d9zKcfr4eZiCA0', true, true),
    ('MEC000002', 2, 6374159501, '$argon2id$v=19$m=19456,t=2,p=1$L2w5Tm1GUnQ5ZTVkMktLSQ$rYg8+YcsWiTNMJcgAtO7auMrtlMl9d9zKcfr4eZiCA0', true, true)
ON CONFLICT DO NOTHING;

INSERT INTO admins (id, name, email) VALUES
    ('ADM000001', 'Admin01', 'admin01@gmail.com')
ON CONFLICT DO NOTHING;

INSERT INTO customers (id, name, email) VALUES
    ('CST000001', 'Surya', 'surya@gmail.com'),
    ('CST000002', 'Rahul', 'rahul@gmail.com')
ON CONFLICT DO NOTHING;

-- Mechanics and their service categories. Between them they cover all 12 categories, and
-- MEC000002 does pickup/drop, so automatic assignment works out of the box. Categories are
-- seeded only together with a newly inserted mechanic, so an admin's later edits of a sample
-- mechanic's categories are never undone by re-seeding.
WITH new_mechanics AS (
    INSERT INTO mechanics (id, name, dob, pickup_drop, analysis) VALUES
        ('MEC000001', 'Arunachalam', '2000-12-12', false, true),
        ('MEC000002', 'Karthik',     '1998-03-21', true,  false)
    ON CONFLICT DO NOTHING
    RETURNING id
)
INSERT INTO mechanic_service_categories (mechanic_id, service_category_id)
SELECT m.mechanic_id, unnest(m.category_ids)
FROM (VALUES
    ('MEC000001', ARRAY[1, 2, 4, 5, 6, 8, 9]),
    ('MEC000002', ARRAY[3, 7, 10, 11, 12])
) AS m (mechanic_id, category_ids)
JOIN new_mechanics nm ON nm.id = m.mechanic_id
ON CONFLICT DO NOTHING;

INSERT INTO addresses (id, customer_id, label, line1, line2, area_id) VALUES
    (1, 'CST000001', 'Home', '23, Rajiv Gandhi Street', 'Near Velachery Railway Station', 1),
    (2, 'CST000002', 'Home', '17, Anna Salai',          'Opposite Express Avenue',        2)
ON CONFLICT DO NOTHING;

-- reg_number is the display form; reg_number_norm keeps only A-Z and 0-9 (uniqueness key)
INSERT INTO customer_cars (id, reg_number, reg_number_norm, car_model_id, customer_id) VALUES
    (1, 'TN 09 AB 1234', 'TN09AB1234', 1, 'CST000001'),   -- Swift (Petrol, Basic Hatchback)
    (2, 'TN 10 CD 5678', 'TN10CD5678', 5, 'CST000002')    -- City (Petrol, Premium Sedan)
ON CONFLICT DO NOTHING;

-- Advance the user-id sequences past the highest existing CST/MEC/ADM number, and the serial
-- sequences past the seeded ids. GREATEST semantics: a sequence never moves backwards.
DO $$
DECLARE
    spec    text[];
    seq     text;
    max_id  bigint;
    last_v  bigint;
    called  boolean;
BEGIN
    FOREACH spec SLICE 1 IN ARRAY ARRAY[
        -- sequence, id query
        ['customer_seq', $q$SELECT max(substr(id, 4)::bigint) FROM users WHERE id ~ '^CST[0-9]+$'$q$],
        ['mechanic_seq', $q$SELECT max(substr(id, 4)::bigint) FROM users WHERE id ~ '^MEC[0-9]+$'$q$],
        ['admin_seq',    $q$SELECT max(substr(id, 4)::bigint) FROM users WHERE id ~ '^ADM[0-9]+$'$q$],
        [pg_get_serial_sequence('addresses', 'id'),     'SELECT max(id) FROM addresses'],
        [pg_get_serial_sequence('customer_cars', 'id'), 'SELECT max(id) FROM customer_cars']
    ] LOOP
        seq := spec[1];
        EXECUTE spec[2] INTO max_id;
        EXECUTE format('SELECT last_value, is_called FROM %s', seq) INTO last_v, called;
        IF NOT called THEN
            last_v := last_v - 1;          -- nothing handed out yet
        END IF;
        IF max_id IS NOT NULL AND max_id > last_v THEN
            PERFORM setval(seq, max_id, true);
        END IF;
    END LOOP;
END
$$;
