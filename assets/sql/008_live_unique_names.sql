-- Retiring a lookup (soft delete) frees its name: fuel types, makers, car
-- classes, timeslots and service categories are unique among live rows
-- only, so an admin can add "CNG" again after retiring the old one.
ALTER TABLE fuel_types DROP CONSTRAINT fuel_types_fuel_name_key;
CREATE UNIQUE INDEX fuel_types_fuel_name_live_key
    ON fuel_types (fuel_name) WHERE deleted_at IS NULL;
ALTER TABLE manufacturers DROP CONSTRAINT manufacturers_name_key;
CREATE UNIQUE INDEX manufacturers_name_live_key
    ON manufacturers (name) WHERE deleted_at IS NULL;
ALTER TABLE car_classes DROP CONSTRAINT car_classes_class_key;
CREATE UNIQUE INDEX car_classes_class_live_key
    ON car_classes (class) WHERE deleted_at IS NULL;
ALTER TABLE timeslots DROP CONSTRAINT timeslots_name_key;
CREATE UNIQUE INDEX timeslots_name_live_key
    ON timeslots (name) WHERE deleted_at IS NULL;
ALTER TABLE service_categories DROP CONSTRAINT service_categories_name_key;
CREATE UNIQUE INDEX service_categories_name_live_key
    ON service_categories (name) WHERE deleted_at IS NULL;
