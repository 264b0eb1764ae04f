-- RevCare schema, version 1: the whole data model of SPEC §4 (tables, keys, checks, indexes,
-- triggers, user-id sequences). Applied once by the migration runner inside one transaction;
-- schema_migrations is created by the runner itself. Seed data lives in assets/seed/.

-- ===========================================================================================
-- Helpers
-- ===========================================================================================

-- §4.1: updated_at is set by a trigger on every UPDATE (attached to every table that has it).
CREATE FUNCTION revcare_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

-- §1.6: user ids are CST/MEC/ADM + the next value of customer_seq/mechanic_seq/admin_seq,
-- zero-padded to 6 digits, written in full above 999999 (never truncated, never reused).
CREATE SEQUENCE customer_seq AS bigint START WITH 1 MINVALUE 1 NO CYCLE;
CREATE SEQUENCE mechanic_seq AS bigint START WITH 1 MINVALUE 1 NO CYCLE;
CREATE SEQUENCE admin_seq    AS bigint START WITH 1 MINVALUE 1 NO CYCLE;

-- Usage: INSERT INTO users (id, ...) VALUES (revcare_next_user_id('CST', 'customer_seq'), ...)
-- (a text argument such as $2 or 'customer_seq' is converted to regclass).
CREATE FUNCTION revcare_next_user_id(prefix text, seq regclass) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    n bigint := nextval(seq);
BEGIN
    RETURN prefix || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END;
END;
$$;

-- §5.19/§4.7: the event log is append-only. TRUNCATE (used only by a full restore, §10.4)
-- is deliberately still allowed.
CREATE FUNCTION revcare_booking_events_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'booking_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

-- ===========================================================================================
-- §4.2 Users and access
-- ===========================================================================================

CREATE TABLE roles (
    id          smallint    PRIMARY KEY,
    role_name   text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT roles_role_name_key UNIQUE (role_name)
);

CREATE TABLE permissions (
    id          serial PRIMARY KEY,
    permission  text   NOT NULL,
    CONSTRAINT permissions_permission_key UNIQUE (permission),
    -- §3.2: scope strings are <ACTION>:<RESOURCE>
    CONSTRAINT permissions_permission_format
        CHECK (permission ~ '^(READ|WRITE|UPDATE|DELETE):[A-Z][A-Z_]*$')
);

CREATE TABLE role_permissions (
    role_id        smallint NOT NULL
        REFERENCES roles (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    permission_id  integer  NOT NULL
        REFERENCES permissions (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    PRIMARY KEY (role_id, permission_id)
);
CREATE INDEX role_permissions_permission_id_idx ON role_permissions (permission_id);

CREATE TABLE users (
    id                  varchar(16) PRIMARY KEY,
    role_id             smallint    NOT NULL
        REFERENCES roles (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    phone               bigint      NOT NULL,
    password            text        NOT NULL,            -- argon2id PHC string (§2.1)
    is_active           boolean     NOT NULL DEFAULT true,
    is_sample           boolean     NOT NULL DEFAULT false,
    tokens_valid_after  timestamptz NULL,
    last_login_at       timestamptz NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz NULL,
    -- §1.6: Indian mobile numbers only
    CONSTRAINT users_phone_check CHECK (phone BETWEEN 6000000000 AND 9999999999),
    -- §1.6/§3.1: the id is <prefix><at least 6 digits> and the prefix matches the role
    -- (display only; authorisation uses role_id)
    CONSTRAINT users_id_format CHECK (
        (role_id = 1 AND id ~ '^ADM[0-9]{6,}$') OR
        (role_id = 2 AND id ~ '^MEC[0-9]{6,}$') OR
        (role_id = 3 AND id ~ '^CST[0-9]{6,}$'))
);
-- one live account per phone, whatever the role
CREATE UNIQUE INDEX users_phone_live_key ON users (phone) WHERE deleted_at IS NULL;
CREATE INDEX users_role_id_idx ON users (role_id);
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

CREATE TABLE customers (
    id           varchar(16) PRIMARY KEY
        REFERENCES users (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    name         text        NOT NULL,
    email        text        NOT NULL,
    profile_img  text        NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz NULL
);
-- e-mail compared case-insensitively, unique among live customers
CREATE UNIQUE INDEX customers_email_live_key ON customers (lower(email)) WHERE deleted_at IS NULL;
CREATE TRIGGER customers_set_updated_at BEFORE UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

CREATE TABLE admins (
    id           varchar(16) PRIMARY KEY
        REFERENCES users (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    name         text        NOT NULL,
    email        text        NOT NULL,
    profile_img  text        NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz NULL
);
-- e-mail compared case-insensitively, unique among live admins
CREATE UNIQUE INDEX admins_email_live_key ON admins (lower(email)) WHERE deleted_at IS NULL;
CREATE TRIGGER admins_set_updated_at BEFORE UPDATE ON admins
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

-- `assigned` is not stored: it is computed from active assignments (§8.5)
CREATE TABLE mechanics (
    id           varchar(16) PRIMARY KEY
        REFERENCES users (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    name         text        NOT NULL,
    dob          date        NOT NULL,
    pickup_drop  boolean     NOT NULL DEFAULT false,
    analysis     boolean     NOT NULL DEFAULT false,
    score        integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz NULL,
    -- §5.17: the score is only ever added to
    CONSTRAINT mechanics_score_check CHECK (score >= 0)
);
CREATE TRIGGER mechanics_set_updated_at BEFORE UPDATE ON mechanics
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

-- mechanic_service_categories is created in §4.3 below, after service_categories.

CREATE TABLE refresh_tokens (
    jti          uuid        PRIMARY KEY,
    user_id      varchar(16) NOT NULL
        REFERENCES users (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    family_id    uuid        NOT NULL,
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz NULL,
    replaced_by  uuid        NULL,          -- jti of the rotated successor (§2.5)
    user_agent   text        NULL,
    ip           inet        NULL
    -- the token text itself is never stored
);
CREATE INDEX refresh_tokens_user_id_idx    ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_id_idx  ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at);

CREATE TABLE revoked_tokens (
    jti         uuid        PRIMARY KEY,
    user_id     varchar(16) NULL,
    token_type  text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz NOT NULL DEFAULT now(),
    reason      text        NOT NULL DEFAULT '',
    CONSTRAINT revoked_tokens_token_type_check CHECK (token_type IN ('access', 'refresh'))
);
-- rows live until expires_at and are purged hourly (§2.7)
CREATE INDEX revoked_tokens_expires_at_idx ON revoked_tokens (expires_at);

-- §2.8 throttling; key is 'phone:<n>', 'ip:<addr>', 'reg-ip:…', 'query-ip:…', 'query-email:…'
CREATE TABLE login_throttle (
    key           text        PRIMARY KEY,
    failures      integer     NOT NULL DEFAULT 0,
    window_start  timestamptz NOT NULL DEFAULT now(),
    locked_until  timestamptz NULL,
    lock_level    integer     NOT NULL DEFAULT 0,
    CONSTRAINT login_throttle_failures_check   CHECK (failures >= 0),
    CONSTRAINT login_throttle_lock_level_check CHECK (lock_level >= 0)
);
CREATE INDEX login_throttle_window_start_idx ON login_throttle (window_start);

-- ===========================================================================================
-- §4.3 Catalogue and vehicles
-- ===========================================================================================

CREATE TABLE fuel_types (
    id          serial      PRIMARY KEY,
    fuel_name   text        NOT NULL,
    deleted_at  timestamptz NULL,
    CONSTRAINT fuel_types_fuel_name_key UNIQUE (fuel_name)
);

CREATE TABLE manufacturers (
    id          serial      PRIMARY KEY,
    name        text        NOT NULL,
    deleted_at  timestamptz NULL,
    CONSTRAINT manufacturers_name_key UNIQUE (name)
);

CREATE TABLE car_classes (
    id          serial      PRIMARY KEY,
    class       text        NOT NULL,
    deleted_at  timestamptz NULL,
    CONSTRAINT car_classes_class_key UNIQUE (class)
);

-- car models
CREATE TABLE cars (
    id               serial      PRIMARY KEY,
    model            text        NOT NULL,
    manufacturer_id  integer     NOT NULL
        REFERENCES manufacturers (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    fuel_type_id     integer     NOT NULL
        REFERENCES fuel_types (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    car_class_id     integer     NOT NULL
        REFERENCES car_classes (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    year             integer     NOT NULL,
    img              text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    deleted_at       timestamptz NULL,
    CONSTRAINT cars_year_check CHECK (year BETWEEN 1900 AND 2100)
);
CREATE INDEX cars_manufacturer_id_idx ON cars (manufacturer_id);
CREATE INDEX cars_fuel_type_id_idx    ON cars (fuel_type_id);
CREATE INDEX cars_car_class_id_idx    ON cars (car_class_id);

CREATE TABLE service_categories (
    id           serial      PRIMARY KEY,
    name         text        NOT NULL,
    description  text        NOT NULL,
    image        text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz NULL,
    CONSTRAINT service_categories_name_key UNIQUE (name)
);

-- link table (cascade): owned by the mechanic
CREATE TABLE mechanic_service_categories (
    mechanic_id          varchar(16) NOT NULL
        REFERENCES mechanics (id) ON DELETE CASCADE ON UPDATE RESTRICT,
    service_category_id  integer     NOT NULL
        REFERENCES service_categories (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    PRIMARY KEY (mechanic_id, service_category_id)
);
CREATE INDEX mechanic_service_categories_category_idx
    ON mechanic_service_categories (service_category_id);

-- no embedding column: recommendation is by keywords/symptoms (§8.8.1)
CREATE TABLE services (
    id               serial       PRIMARY KEY,
    title            text         NOT NULL,
    description      text         NOT NULL,
    category_id      integer      NOT NULL
        REFERENCES service_categories (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    works            text[]       NOT NULL,
    warranty_kms     integer      NOT NULL,
    warranty_months  integer      NOT NULL,
    time_hrs         numeric(5,2) NOT NULL,
    difficulty       smallint     NOT NULL,
    images           text[]       NOT NULL DEFAULT '{}',
    symptoms         text[]       NOT NULL DEFAULT '{}',
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    deleted_at       timestamptz  NULL,
    CONSTRAINT services_warranty_kms_check    CHECK (warranty_kms >= 0),
    CONSTRAINT services_warranty_months_check CHECK (warranty_months >= 0),
    CONSTRAINT services_time_hrs_check        CHECK (time_hrs > 0),
    CONSTRAINT services_difficulty_check      CHECK (difficulty BETWEEN 1 AND 5),
    CONSTRAINT services_works_check           CHECK (cardinality(works) >= 1),
    CONSTRAINT services_images_check          CHECK (cardinality(images) <= 5)
);
-- titles are not unique: services 20 and 34 are both "Wheel Alignment"
CREATE INDEX services_category_id_idx ON services (category_id);
CREATE TRIGGER services_set_updated_at BEFORE UPDATE ON services
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

-- link table (cascade): owned by the service
CREATE TABLE service_fuel_types (
    service_id    integer NOT NULL
        REFERENCES services (id) ON DELETE CASCADE ON UPDATE RESTRICT,
    fuel_type_id  integer NOT NULL
        REFERENCES fuel_types (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    PRIMARY KEY (service_id, fuel_type_id)
);
CREATE INDEX service_fuel_types_fuel_type_id_idx ON service_fuel_types (fuel_type_id);

-- link table (cascade): owned by the service; price in rupees for one car class
CREATE TABLE price_chart (
    service_id    integer       NOT NULL
        REFERENCES services (id) ON DELETE CASCADE ON UPDATE RESTRICT,
    car_class_id  integer       NOT NULL
        REFERENCES car_classes (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    price         numeric(12,2) NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, car_class_id),
    CONSTRAINT price_chart_price_check CHECK (price >= 0)
);
CREATE INDEX price_chart_car_class_id_idx ON price_chart (car_class_id);
CREATE TRIGGER price_chart_set_updated_at BEFORE UPDATE ON price_chart
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

-- one review per customer and service
CREATE TABLE service_reviews (
    service_id   integer     NOT NULL
        REFERENCES services (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    customer_id  varchar(16) NOT NULL
        REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    rating       smallint    NOT NULL,
    review       text        NULL,
    images       text[]      NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, customer_id),
    CONSTRAINT service_reviews_rating_check CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT service_reviews_images_check CHECK (cardinality(images) <= 5)
);
CREATE INDEX service_reviews_customer_id_idx ON service_reviews (customer_id);
CREATE TRIGGER service_reviews_set_updated_at BEFORE UPDATE ON service_reviews
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

CREATE TABLE cart (
    customer_id  varchar(16) NOT NULL
        REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    service_id   integer     NOT NULL
        REFERENCES services (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, service_id)
);
CREATE INDEX cart_service_id_idx ON cart (service_id);

CREATE TABLE favourites (
    customer_id  varchar(16) NOT NULL
        REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    service_id   integer     NOT NULL
        REFERENCES services (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, service_id)
);
CREATE INDEX favourites_service_id_idx ON favourites (service_id);

CREATE TABLE customer_cars (
    id               serial      PRIMARY KEY,
    reg_number       text        NOT NULL,     -- display form: upper-case, spaces/hyphens kept
    reg_number_norm  text        NOT NULL,     -- A-Z0-9 only; the uniqueness key
    car_model_id     integer     NOT NULL
        REFERENCES cars (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    customer_id      varchar(16) NOT NULL
        REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    deleted_at       timestamptz NULL,
    CONSTRAINT customer_cars_reg_number_norm_check CHECK (reg_number_norm ~ '^[A-Z0-9]+$')
);
-- one live car per registration, whatever its spacing (§8.6)
CREATE UNIQUE INDEX customer_cars_reg_number_norm_live_key
    ON customer_cars (reg_number_norm) WHERE deleted_at IS NULL;
CREATE INDEX customer_cars_customer_id_idx  ON customer_cars (customer_id);
CREATE INDEX customer_cars_car_model_id_idx ON customer_cars (car_model_id);
CREATE TRIGGER customer_cars_set_updated_at BEFORE UPDATE ON customer_cars
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

CREATE TABLE areas (
    id          serial      PRIMARY KEY,
    name        text        NOT NULL,
    pincode     integer     NOT NULL,
    deleted_at  timestamptz NULL,
    CONSTRAINT areas_pincode_check CHECK (pincode BETWEEN 100000 AND 999999)
);

CREATE TABLE addresses (
    id           serial      PRIMARY KEY,
    customer_id  varchar(16) NOT NULL
        REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    label        text        NULL,
    line1        text        NOT NULL,
    line2        text        NULL,
    area_id      integer     NOT NULL
        REFERENCES areas (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz NULL
);
CREATE INDEX addresses_customer_id_idx ON addresses (customer_id);
CREATE INDEX addresses_area_id_idx     ON addresses (area_id);
CREATE TRIGGER addresses_set_updated_at BEFORE UPDATE ON addresses
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

-- ===========================================================================================
-- §4.4 Workflow lookups
-- ===========================================================================================

-- Shared by bookings, booked services, assignments, payments and refunds. Rows 1-18 are
-- built in (§5.1) and cannot be renamed or deleted (enforced by the API, checked at start-up).
-- smallserial so that admin-created statuses (POST /utils/status) get the next free id.
CREATE TABLE status (
    id       smallserial PRIMARY KEY,
    name     text        NOT NULL,
    builtin  boolean     NOT NULL DEFAULT false,
    CONSTRAINT status_name_key UNIQUE (name)
);

-- Built-in rows 1-4 (§5.3); smallserial for admin-created types.
CREATE TABLE assignment_types (
    id       smallserial PRIMARY KEY,
    name     text        NOT NULL,
    builtin  boolean     NOT NULL DEFAULT false,
    CONSTRAINT assignment_types_name_key UNIQUE (name)
);

CREATE TABLE timeslots (
    id          serial      PRIMARY KEY,
    name        text        NOT NULL,
    start_time  time        NOT NULL,
    end_time    time        NOT NULL,
    capacity    integer     NULL,          -- NULL = unlimited
    deleted_at  timestamptz NULL,
    CONSTRAINT timeslots_name_key UNIQUE (name),
    CONSTRAINT timeslots_order_check    CHECK (end_time > start_time),
    CONSTRAINT timeslots_capacity_check CHECK (capacity IS NULL OR capacity >= 1)
);

-- 1 online, 2 offline
CREATE TABLE payment_methods (
    id    smallint PRIMARY KEY,
    name  text     NOT NULL,
    CONSTRAINT payment_methods_name_key UNIQUE (name)
);

-- §9.2
CREATE TABLE notification_categories (
    id    smallint PRIMARY KEY,
    name  text     NOT NULL,
    CONSTRAINT notification_categories_name_key UNIQUE (name)
);

-- ===========================================================================================
-- §4.5 Bookings (and §4.6 money tables they depend on, in dependency order)
-- ===========================================================================================

CREATE TABLE bookings (
    id                  serial      PRIMARY KEY,
    customer_id         varchar(16) NOT NULL
        REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    customer_car_id     integer     NOT NULL
        REFERENCES customer_cars (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    car_reg_number      text        NOT NULL,     -- registration snapshot at booking time
    status_id           smallint    NOT NULL DEFAULT 1
        REFERENCES status (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    pickup_address_id   integer     NOT NULL
        REFERENCES addresses (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    pickup_date         date        NOT NULL,
    pickup_timeslot_id  integer     NOT NULL
        REFERENCES timeslots (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    drop_address_id     integer     NOT NULL
        REFERENCES addresses (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    drop_date           date        NOT NULL,
    drop_timeslot_id    integer     NOT NULL
        REFERENCES timeslots (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    payment_method_id   smallint    NULL
        REFERENCES payment_methods (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    promised_at         timestamptz NOT NULL,     -- §5.18: drop_date at the drop slot's end_time
    car_received        boolean     NOT NULL DEFAULT false,
    created_by          varchar     NOT NULL,     -- actor: user id
    cancelled_at        timestamptz NULL,
    cancelled_by        varchar     NULL,         -- actor: user id
    completed_at        timestamptz NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             integer     NOT NULL DEFAULT 1,
    -- §5.5: pickup strictly before drop
    CONSTRAINT bookings_dates_check CHECK (drop_date > pickup_date),
    -- §5.1: booking statuses are 1-10 (booked … cancelled)
    CONSTRAINT bookings_status_check CHECK (status_id BETWEEN 1 AND 10)
);
-- §5.5 rule 3: at most one open booking (status not delivered 9 / cancelled 10) per car
CREATE UNIQUE INDEX bookings_one_open_per_car_key
    ON bookings (customer_car_id) WHERE status_id NOT IN (9, 10);
CREATE INDEX bookings_customer_id_idx      ON bookings (customer_id);
CREATE INDEX bookings_status_id_idx        ON bookings (status_id);
CREATE INDEX bookings_created_at_idx       ON bookings (created_at);
CREATE INDEX bookings_customer_car_id_idx  ON bookings (customer_car_id);
-- timeslot capacity checks (§5.5 rule 10) count bookings per date and slot
CREATE INDEX bookings_pickup_slot_idx ON bookings (pickup_date, pickup_timeslot_id);
CREATE INDEX bookings_drop_slot_idx   ON bookings (drop_date, drop_timeslot_id);
CREATE INDEX bookings_pickup_address_id_idx ON bookings (pickup_address_id);
CREATE INDEX bookings_drop_address_id_idx   ON bookings (drop_address_id);
CREATE TRIGGER bookings_set_updated_at BEFORE UPDATE ON bookings
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

CREATE TABLE booking_assignment (
    id                  serial      PRIMARY KEY,
    mechanic_id         varchar(16) NOT NULL
        REFERENCES mechanics (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    booking_id          integer     NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    assignment_type_id  smallint    NOT NULL
        REFERENCES assignment_types (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    status_id           smallint    NOT NULL DEFAULT 11
        REFERENCES status (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    note                text        NOT NULL DEFAULT '',
    automatic           boolean     NOT NULL DEFAULT false,
    assigned_by         varchar     NOT NULL,     -- actor: admin id or 'system'
    assigned_at         timestamptz NOT NULL DEFAULT now(),
    completed_at        timestamptz NULL,
    released_at         timestamptz NULL,
    release_reason      text        NULL,
    -- 11 assigned (active), 7 completed, 17 released
    CONSTRAINT booking_assignment_status_check CHECK (status_id IN (11, 7, 17))
);
-- at most one active assignment per booking
CREATE UNIQUE INDEX booking_assignment_one_active_per_booking_key
    ON booking_assignment (booking_id) WHERE status_id = 11;
-- §5.6 rule 8: a mechanic holds at most one active service (3) and one active analysis (4)
-- assignment; pickup (1) and drop (2) may stack
CREATE UNIQUE INDEX booking_assignment_one_active_service_analysis_key
    ON booking_assignment (mechanic_id, assignment_type_id)
    WHERE status_id = 11 AND assignment_type_id IN (3, 4);
CREATE INDEX booking_assignment_booking_id_idx ON booking_assignment (booking_id);
CREATE INDEX booking_assignment_mechanic_status_idx ON booking_assignment (mechanic_id, status_id);
CREATE INDEX booking_assignment_assignment_type_id_idx ON booking_assignment (assignment_type_id);

CREATE TABLE booking_progress (
    id                     serial      PRIMARY KEY,
    mechanic_id            varchar(16) NOT NULL
        REFERENCES mechanics (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    booking_id             integer     NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    assignment_id          integer     NOT NULL
        REFERENCES booking_assignment (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    description            text        NOT NULL,
    images                 text[]      NOT NULL DEFAULT '{}',
    status_id              smallint    NOT NULL   -- booking status when posted
        REFERENCES status (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    validated              boolean     NOT NULL DEFAULT false,
    validated_at           timestamptz NULL,
    validated_by           varchar     NULL,      -- actor: admin id or 'system'
    completed_service_ids  integer[]   NOT NULL DEFAULT '{}',
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT booking_progress_images_check CHECK (cardinality(images) <= 5)
);
-- §5.8 rule 4: at most one unvalidated progress entry per booking
CREATE UNIQUE INDEX booking_progress_one_unvalidated_key
    ON booking_progress (booking_id) WHERE NOT validated;
CREATE INDEX booking_progress_booking_created_idx ON booking_progress (booking_id, created_at);
CREATE INDEX booking_progress_assignment_id_idx   ON booking_progress (assignment_id);
CREATE INDEX booking_progress_mechanic_id_idx     ON booking_progress (mechanic_id);
CREATE TRIGGER booking_progress_set_updated_at BEFORE UPDATE ON booking_progress
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

CREATE TABLE booked_services (
    booking_id                integer       NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    service_id                integer       NOT NULL
        REFERENCES services (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    status_id                 smallint      NOT NULL DEFAULT 1
        REFERENCES status (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    source                    text          NOT NULL DEFAULT 'booked',
    est_price                 numeric(12,2) NOT NULL,     -- price chart for the car's class
    price                     numeric(12,2) NULL,         -- the mechanic's quote (§5.9)
    completed                 boolean       NOT NULL DEFAULT false,
    completed_at              timestamptz   NULL,
    completed_by_progress_id  integer       NULL
        REFERENCES booking_progress (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    created_at                timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (booking_id, service_id),
    -- 1 booked, 12 confirmed, 13 rejected
    CONSTRAINT booked_services_status_check CHECK (status_id IN (1, 12, 13)),
    CONSTRAINT booked_services_source_check CHECK (source IN ('booked', 'recommended')),
    CONSTRAINT booked_services_est_price_check CHECK (est_price >= 0),
    CONSTRAINT booked_services_price_check CHECK (price >= 0),
    -- §5.8 rule 6: only confirmed services can be completed
    CONSTRAINT booked_services_completed_check CHECK (NOT completed OR status_id = 12)
);
CREATE INDEX booked_services_service_id_idx ON booked_services (service_id);
CREATE INDEX booked_services_completed_by_progress_id_idx
    ON booked_services (completed_by_progress_id);

CREATE TABLE booking_recommendations (
    booking_id  integer       NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    service_id  integer       NOT NULL
        REFERENCES services (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    price       numeric(12,2) NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (booking_id, service_id),
    CONSTRAINT booking_recommendations_price_check CHECK (price >= 0)
);
CREATE INDEX booking_recommendations_service_id_idx ON booking_recommendations (service_id);

-- one analysis per booking
CREATE TABLE booking_analysis (
    booking_id      integer     PRIMARY KEY
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    mechanic_id     varchar(16) NOT NULL
        REFERENCES mechanics (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    assignment_id   integer     NOT NULL
        REFERENCES booking_assignment (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    description     text        NOT NULL,
    recommendation  text        NOT NULL,
    images          text[]      NOT NULL DEFAULT '{}',
    validated       boolean     NOT NULL DEFAULT false,
    validated_at    timestamptz NULL,
    validated_by    varchar     NULL,      -- actor: admin id or 'system'
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT booking_analysis_images_check CHECK (cardinality(images) <= 5)
);
CREATE INDEX booking_analysis_mechanic_id_idx   ON booking_analysis (mechanic_id);
CREATE INDEX booking_analysis_assignment_id_idx ON booking_analysis (assignment_id);
CREATE TRIGGER booking_analysis_set_updated_at BEFORE UPDATE ON booking_analysis
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

-- ===========================================================================================
-- §4.6 Money
-- ===========================================================================================

-- Razorpay orders. amount is before GST; gst and gst_percent are the stored rate (§6.1).
CREATE TABLE online_payments (
    id                   serial        PRIMARY KEY,
    booking_id           integer       NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    purpose              text          NOT NULL,
    status_id            smallint      NOT NULL DEFAULT 14
        REFERENCES status (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    amount               numeric(12,2) NOT NULL,
    gst                  numeric(12,2) NOT NULL,
    gst_percent          smallint      NOT NULL,
    razorpay_order_id    text          NOT NULL,
    razorpay_payment_id  text          NULL,
    razorpay_signature   text          NULL,
    confirmed_via        text          NULL,
    failure_reason       text          NULL,
    created_at           timestamptz   NOT NULL DEFAULT now(),
    updated_at           timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT online_payments_razorpay_order_id_key   UNIQUE (razorpay_order_id),
    CONSTRAINT online_payments_razorpay_payment_id_key UNIQUE (razorpay_payment_id),
    CONSTRAINT online_payments_purpose_check CHECK (purpose IN ('services', 'cod')),
    -- 14 pending, 15 success, 16 failed, 18 voided
    CONSTRAINT online_payments_status_check CHECK (status_id IN (14, 15, 16, 18)),
    CONSTRAINT online_payments_amount_check CHECK (amount >= 0),
    CONSTRAINT online_payments_gst_check CHECK (gst >= 0),
    CONSTRAINT online_payments_gst_percent_check CHECK (gst_percent BETWEEN 0 AND 100),
    CONSTRAINT online_payments_confirmed_via_check
        CHECK (confirmed_via IN ('callback', 'webhook', 'reconcile'))
);
-- §7.1: at most one pending order per (booking, purpose)
CREATE UNIQUE INDEX online_payments_one_pending_key
    ON online_payments (booking_id, purpose) WHERE status_id = 14;
CREATE INDEX online_payments_booking_id_idx ON online_payments (booking_id);
-- reconciliation (§7.4) scans pending orders by age
CREATE INDEX online_payments_pending_created_at_idx
    ON online_payments (created_at) WHERE status_id = 14;
CREATE TRIGGER online_payments_set_updated_at BEFORE UPDATE ON online_payments
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

-- The customer's choice staged with its Razorpay order; applied when the payment arrives.
CREATE TABLE service_selection_stage (
    id                 serial      PRIMARY KEY,
    booking_id         integer     NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    online_payment_id  integer     NOT NULL
        REFERENCES online_payments (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    razorpay_order_id  text        NOT NULL,
    selected_services  integer[]   NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    consumed_at        timestamptz NULL,
    CONSTRAINT service_selection_stage_razorpay_order_id_key UNIQUE (razorpay_order_id),
    CONSTRAINT service_selection_stage_selected_check CHECK (cardinality(selected_services) >= 1)
);
CREATE INDEX service_selection_stage_booking_id_idx ON service_selection_stage (booking_id);
CREATE INDEX service_selection_stage_online_payment_id_idx
    ON service_selection_stage (online_payment_id);

-- Cash (or pay-at-the-door) money of a booking: one row per booking.
CREATE TABLE offline_payments (
    id                 serial        PRIMARY KEY,
    booking_id         integer       NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    purpose            text          NOT NULL,
    status_id          smallint      NOT NULL DEFAULT 14
        REFERENCES status (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    amount             numeric(12,2) NOT NULL,
    gst                numeric(12,2) NOT NULL,
    gst_percent        smallint      NOT NULL,
    paid_online        boolean       NOT NULL DEFAULT false,
    online_payment_id  integer       NULL
        REFERENCES online_payments (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    collected_by       varchar       NULL,      -- actor: admin or drop mechanic id
    collected_at       timestamptz   NULL,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT offline_payments_booking_id_key UNIQUE (booking_id),
    CONSTRAINT offline_payments_purpose_check CHECK (purpose IN ('services', 'cancellation_fee')),
    -- 14 pending, 15 success
    CONSTRAINT offline_payments_status_check CHECK (status_id IN (14, 15)),
    CONSTRAINT offline_payments_amount_check CHECK (amount >= 0),
    CONSTRAINT offline_payments_gst_check CHECK (gst >= 0),
    CONSTRAINT offline_payments_gst_percent_check CHECK (gst_percent BETWEEN 0 AND 100)
);
CREATE INDEX offline_payments_online_payment_id_idx ON offline_payments (online_payment_id);
CREATE TRIGGER offline_payments_set_updated_at BEFORE UPDATE ON offline_payments
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();

CREATE TABLE refunds (
    id                  serial        PRIMARY KEY,
    booking_id          integer       NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    customer_id         varchar(16)   NOT NULL
        REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    online_payment_id   integer       NOT NULL
        REFERENCES online_payments (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    status_id           smallint      NOT NULL DEFAULT 14
        REFERENCES status (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    amount              numeric(12,2) NOT NULL,
    razorpay_refund_id  text          NULL,
    attempts            integer       NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz   NOT NULL DEFAULT now(),
    last_error          text          NULL,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    processed_at        timestamptz   NULL,
    CONSTRAINT refunds_razorpay_refund_id_key UNIQUE (razorpay_refund_id),
    -- 14 pending, 15 success, 16 failed
    CONSTRAINT refunds_status_check CHECK (status_id IN (14, 15, 16)),
    -- a refund always returns some money
    CONSTRAINT refunds_amount_check CHECK (amount > 0),
    CONSTRAINT refunds_attempts_check CHECK (attempts >= 0)
);
CREATE INDEX refunds_booking_id_idx        ON refunds (booking_id);
CREATE INDEX refunds_customer_id_idx       ON refunds (customer_id);
CREATE INDEX refunds_online_payment_id_idx ON refunds (online_payment_id);
-- the refund worker picks due pending refunds (§7.6)
CREATE INDEX refunds_status_next_attempt_idx ON refunds (status_id, next_attempt_at);

-- Invoices are never edited (§6.4); a cancellation invoice may supersede a services invoice.
CREATE TABLE invoices (
    id              serial        PRIMARY KEY,
    booking_id      integer       NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    invoice_number  text          NOT NULL,       -- RC-<YYYY>-<YY>-<NNNNNN>, gap-free per FY
    kind            text          NOT NULL,
    issued_at       timestamptz   NOT NULL DEFAULT now(),
    customer_name   text          NOT NULL,       -- snapshots at issue time
    customer_email  text          NOT NULL,
    customer_phone  bigint        NOT NULL,
    car_model       text          NOT NULL,
    car_reg         text          NOT NULL,
    payment_method  text          NOT NULL,
    gst_percent     smallint      NOT NULL,
    subtotal        numeric(12,2) NOT NULL,
    gst             numeric(12,2) NOT NULL,
    cgst            numeric(12,2) NOT NULL,
    sgst            numeric(12,2) NOT NULL,
    total           numeric(12,2) NOT NULL,
    superseded_by   integer       NULL
        REFERENCES invoices (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    CONSTRAINT invoices_invoice_number_key UNIQUE (invoice_number),
    CONSTRAINT invoices_kind_check CHECK (kind IN ('services', 'cancellation')),
    CONSTRAINT invoices_gst_percent_check CHECK (gst_percent BETWEEN 0 AND 100),
    CONSTRAINT invoices_subtotal_check CHECK (subtotal >= 0),
    CONSTRAINT invoices_gst_check CHECK (gst >= 0),
    CONSTRAINT invoices_cgst_check CHECK (cgst >= 0),
    CONSTRAINT invoices_sgst_check CHECK (sgst >= 0),
    CONSTRAINT invoices_total_check CHECK (total >= 0),
    -- §6.2: total = subtotal + gst, and gst splits exactly into CGST + SGST
    CONSTRAINT invoices_total_sum_check CHECK (total = subtotal + gst),
    CONSTRAINT invoices_gst_split_check CHECK (cgst + sgst = gst),
    CONSTRAINT invoices_superseded_self_check CHECK (superseded_by <> id)
);
CREATE INDEX invoices_booking_id_idx    ON invoices (booking_id);
CREATE INDEX invoices_superseded_by_idx ON invoices (superseded_by);

CREATE TABLE invoice_lines (
    invoice_id   integer       NOT NULL
        REFERENCES invoices (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    line_no      smallint      NOT NULL,
    service_id   integer       NULL        -- NULL for the 'Cancellation fee' line
        REFERENCES services (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    description  text          NOT NULL,
    warranty     text          NOT NULL,
    amount       numeric(12,2) NOT NULL,
    gst          numeric(12,2) NOT NULL,
    PRIMARY KEY (invoice_id, line_no),
    CONSTRAINT invoice_lines_line_no_check CHECK (line_no >= 1),
    CONSTRAINT invoice_lines_amount_check CHECK (amount >= 0),
    CONSTRAINT invoice_lines_gst_check CHECK (gst >= 0)
);
CREATE INDEX invoice_lines_service_id_idx ON invoice_lines (service_id);

-- Gap-free invoice numbering: the FY row is locked (SELECT … FOR UPDATE) while numbering.
CREATE TABLE invoice_counters (
    fy          text    PRIMARY KEY,          -- financial year, e.g. '2025-26'
    last_value  integer NOT NULL DEFAULT 0,
    CONSTRAINT invoice_counters_fy_check CHECK (fy ~ '^[0-9]{4}-[0-9]{2}$'),
    CONSTRAINT invoice_counters_last_value_check CHECK (last_value >= 0)
);

CREATE TABLE razorpay_webhook_events (
    event_id      text        PRIMARY KEY,    -- X-Razorpay-Event-Id or the body's SHA-256
    event         text        NOT NULL,
    order_id      text        NULL,
    payment_id    text        NULL,
    refund_id     text        NULL,
    payload       jsonb       NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz NULL,
    outcome       text        NULL
);
CREATE INDEX razorpay_webhook_events_order_id_idx ON razorpay_webhook_events (order_id);

-- §7.7: responses kept 24 h per (user, key); status/response stay NULL while in progress.
CREATE TABLE idempotency_keys (
    user_id         varchar(16) NOT NULL
        REFERENCES users (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    key             text        NOT NULL,
    method          text        NOT NULL,
    path            text        NOT NULL,
    request_sha256  text        NOT NULL,
    status          integer     NULL,
    response        jsonb       NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key),
    CONSTRAINT idempotency_keys_key_check CHECK (char_length(key) BETWEEN 1 AND 100)
);
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);

-- ===========================================================================================
-- §4.7 Events, mail, media, audit, operations
-- ===========================================================================================

-- The event log (ARCHITECTURE "the spine"): written in the same transaction as the change,
-- followed by NOTIFY revcare_events, '<seq>'. Never updated or deleted (trigger below).
CREATE TABLE booking_events (
    seq         bigserial   PRIMARY KEY,
    kind        text        NOT NULL,
    booking_id  integer     NOT NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    actor       text        NOT NULL,          -- user id, 'system' or 'razorpay'
    actor_role  smallint    NULL
        REFERENCES roles (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    at          timestamptz NOT NULL DEFAULT now(),
    audience    text[]      NOT NULL DEFAULT '{}',   -- non-admin user ids who may see the row
    payload     jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX booking_events_booking_seq_idx ON booking_events (booking_id, seq);
CREATE INDEX booking_events_audience_gin_idx ON booking_events USING gin (audience);
CREATE TRIGGER booking_events_no_update_delete BEFORE UPDATE OR DELETE ON booking_events
    FOR EACH ROW EXECUTE FUNCTION revcare_booking_events_immutable();

-- §9.1: handlers queue mail here in their own transaction; the mailer thread sends it.
CREATE TABLE mail_outbox (
    id                 bigserial   PRIMARY KEY,
    category_id        smallint    NOT NULL
        REFERENCES notification_categories (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    template           text        NOT NULL,
    recipient_email    text        NOT NULL,
    recipient_user_id  varchar(16) NULL
        REFERENCES users (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    booking_id         integer     NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    subject            text        NOT NULL,
    data               jsonb       NOT NULL DEFAULT '{}',
    attachments        jsonb       NOT NULL DEFAULT '[]',   -- e.g. [{"kind":"invoice_pdf","invoice_id":7}]
    dedupe_key         text        NOT NULL,
    status             text        NOT NULL DEFAULT 'pending',
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    last_error         text        NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    sent_at            timestamptz NULL,
    -- repeats of the same logical mail are harmless
    CONSTRAINT mail_outbox_dedupe_key_key UNIQUE (dedupe_key),
    CONSTRAINT mail_outbox_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    CONSTRAINT mail_outbox_attempts_check CHECK (attempts >= 0)
);
CREATE INDEX mail_outbox_status_next_attempt_idx ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_booking_id_idx ON mail_outbox (booking_id);
CREATE INDEX mail_outbox_recipient_user_id_idx ON mail_outbox (recipient_user_id);

-- One row per outbox message each time it finishes (sent or failed).
CREATE TABLE notification_log (
    id                        bigserial   PRIMARY KEY,
    notification_category_id  smallint    NOT NULL
        REFERENCES notification_categories (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    recipient_email           text        NOT NULL,
    subject                   text        NOT NULL,
    attachments               text[]      NOT NULL DEFAULT '{}',   -- file names
    timestamp                 timestamptz NOT NULL DEFAULT now(),
    status                    text        NOT NULL,
    attempts                  integer     NOT NULL DEFAULT 0,
    error                     text        NULL,
    outbox_id                 bigint      NOT NULL
        REFERENCES mail_outbox (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    customer_id               varchar(16) NULL
        REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    booking_id                integer     NULL
        REFERENCES bookings (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    CONSTRAINT notification_log_status_check CHECK (status IN ('sent', 'failed')),
    CONSTRAINT notification_log_attempts_check CHECK (attempts >= 0)
);
CREATE INDEX notification_log_timestamp_idx   ON notification_log (timestamp DESC);
CREATE INDEX notification_log_customer_id_idx ON notification_log (customer_id);
CREATE INDEX notification_log_outbox_id_idx   ON notification_log (outbox_id);
CREATE INDEX notification_log_category_idx    ON notification_log (notification_category_id);
CREATE INDEX notification_log_booking_id_idx  ON notification_log (booking_id);

-- §8.16: uploaded images, addressed by the SHA-256 of their bytes.
CREATE TABLE media (
    id            char(64)    PRIMARY KEY,
    content_type  text        NOT NULL,
    size_bytes    integer     NOT NULL,
    data          bytea       NOT NULL,
    uploaded_by   varchar     NOT NULL,       -- actor: user id
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT media_id_check CHECK (id ~ '^[0-9a-f]{64}$'),
    CONSTRAINT media_content_type_check
        CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    -- the upper limit MEDIA_MAX_BYTES is enforced on upload
    CONSTRAINT media_size_bytes_check CHECK (size_bytes > 0),
    CONSTRAINT media_size_matches_data_check CHECK (octet_length(data) = size_bytes)
);

-- Every admin change outside bookings (§4.7). Secrets are never recorded.
CREATE TABLE audit_log (
    id          bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,         -- user id or 'system'
    actor_role  smallint    NULL
        REFERENCES roles (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
    action      text        NOT NULL,
    entity      text        NOT NULL,
    entity_id   text        NULL,
    before      jsonb       NULL,
    after       jsonb       NULL,
    request_id  text        NULL              -- NULL for scheduled work (e.g. timed backups)
);
CREATE INDEX audit_log_at_idx     ON audit_log (at);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

CREATE TABLE backup_runs (
    id           serial      PRIMARY KEY,
    kind         text        NOT NULL,
    backup_name  text        NULL,            -- NULL when a run fails before it has a name
    actor        text        NOT NULL,        -- user id or 'system' (schedule, retention)
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz NULL,
    success      boolean     NULL,            -- NULL while running
    detail       jsonb       NOT NULL DEFAULT '{}',
    CONSTRAINT backup_runs_kind_check
        CHECK (kind IN ('create', 'restore', 'upload', 'delete', 'retention'))
);
CREATE INDEX backup_runs_started_at_idx ON backup_runs (started_at);

-- Document store on PostgreSQL (used only when MONGODB_URI is unset, §4.8). Ids are 24 hex
-- digits (4 bytes time, 5 random, 3 counter), like MongoDB ObjectIds.
CREATE TABLE documents (
    collection  text        NOT NULL,
    id          char(24)    NOT NULL,
    doc         jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collection, id),
    CONSTRAINT documents_id_check CHECK (id ~ '^[0-9a-f]{24}$')
);
-- §4.8 unique keys of the `content` and `app_settings` collections
CREATE UNIQUE INDEX documents_content_id_key
    ON documents ((doc->>'content_id')) WHERE collection = 'content';
CREATE UNIQUE INDEX documents_setting_id_key
    ON documents ((doc->>'setting_id')) WHERE collection = 'app_settings';
-- §4.8 indexes of the `queries` collection (instants are §1.4 strings, which sort in time order)
CREATE INDEX documents_queries_created_at_idx
    ON documents ((doc->>'created_at') DESC) WHERE collection = 'queries';
CREATE INDEX documents_queries_customer_email_idx
    ON documents ((doc->>'customer_email')) WHERE collection = 'queries';
CREATE INDEX documents_queries_customer_id_idx
    ON documents ((doc->>'customer_id')) WHERE collection = 'queries';
CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION revcare_set_updated_at();
