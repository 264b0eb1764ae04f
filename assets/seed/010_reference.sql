-- RevCare reference data (SPEC §11.2-§11.7): roles, the scope matrix, workflow lookups, areas,
-- vehicles and the service catalogue with fuel types and the 58 x 21 price chart.
-- Idempotent: rows are inserted only when missing and never overwritten; sequences are advanced
-- past the seeded ids. Generated from SPEC.md by a script; edit with care.

-- §3.1 roles
INSERT INTO roles (id, role_name) VALUES
    (1, 'admin'),
    (2, 'mechanic'),
    (3, 'customer')
ON CONFLICT DO NOTHING;

-- §3.2 permissions: ids 1..115 taken row by row through the scope matrix and, within a row,
-- READ, WRITE, UPDATE, DELETE (cells marked – do not exist).
INSERT INTO permissions (id, permission) VALUES
    (1, 'READ:RBAC'),
    (2, 'WRITE:RBAC'),
    (3, 'UPDATE:RBAC'),
    (4, 'DELETE:RBAC'),
    (5, 'READ:USERS'),
    (6, 'WRITE:USERS'),
    (7, 'UPDATE:USERS'),
    (8, 'DELETE:USERS'),
    (9, 'READ:MECHANICS'),
    (10, 'WRITE:MECHANICS'),
    (11, 'UPDATE:MECHANICS'),
    (12, 'DELETE:MECHANICS'),
    (13, 'READ:ADMINS'),
    (14, 'WRITE:ADMINS'),
    (15, 'UPDATE:ADMINS'),
    (16, 'DELETE:ADMINS'),
    (17, 'READ:CUSTOMERS'),
    (18, 'WRITE:CUSTOMERS'),
    (19, 'UPDATE:CUSTOMERS'),
    (20, 'DELETE:CUSTOMERS'),
    (21, 'READ:REFRESH_TOKENS'),
    (22, 'WRITE:REFRESH_TOKENS'),
    (23, 'UPDATE:REFRESH_TOKENS'),
    (24, 'DELETE:REFRESH_TOKENS'),
    (25, 'READ:UTILS'),
    (26, 'WRITE:UTILS'),
    (27, 'UPDATE:UTILS'),
    (28, 'DELETE:UTILS'),
    (29, 'READ:CARS'),
    (30, 'WRITE:CARS'),
    (31, 'UPDATE:CARS'),
    (32, 'DELETE:CARS'),
    (33, 'READ:CUSTOMER_CARS'),
    (34, 'WRITE:CUSTOMER_CARS'),
    (35, 'UPDATE:CUSTOMER_CARS'),
    (36, 'DELETE:CUSTOMER_CARS'),
    (37, 'READ:AREAS'),
    (38, 'WRITE:AREAS'),
    (39, 'UPDATE:AREAS'),
    (40, 'DELETE:AREAS'),
    (41, 'READ:ADDRESSES'),
    (42, 'WRITE:ADDRESSES'),
    (43, 'UPDATE:ADDRESSES'),
    (44, 'DELETE:ADDRESSES'),
    (45, 'READ:SERVICE_CATEGORIES'),
    (46, 'WRITE:SERVICE_CATEGORIES'),
    (47, 'UPDATE:SERVICE_CATEGORIES'),
    (48, 'DELETE:SERVICE_CATEGORIES'),
    (49, 'READ:SERVICES'),
    (50, 'WRITE:SERVICES'),
    (51, 'UPDATE:SERVICES'),
    (52, 'DELETE:SERVICES'),
    (53, 'READ:PRICE_CHART'),
    (54, 'WRITE:PRICE_CHART'),
    (55, 'UPDATE:PRICE_CHART'),
    (56, 'DELETE:PRICE_CHART'),
    (57, 'READ:SERVICE_REVIEWS'),
    (58, 'WRITE:SERVICE_REVIEWS'),
    (59, 'UPDATE:SERVICE_REVIEWS'),
    (60, 'DELETE:SERVICE_REVIEWS'),
    (61, 'READ:FAVOURITES'),
    (62, 'WRITE:FAVOURITES'),
    (63, 'UPDATE:FAVOURITES'),
    (64, 'DELETE:FAVOURITES'),
    (65, 'READ:CART'),
    (66, 'WRITE:CART'),
    (67, 'UPDATE:CART'),
    (68, 'DELETE:CART'),
    (69, 'READ:BOOKINGS'),
    (70, 'WRITE:BOOKINGS'),
    (71, 'UPDATE:BOOKINGS'),
    (72, 'DELETE:BOOKINGS'),
    (73, 'READ:BOOKED_SERVICES'),
    (74, 'WRITE:BOOKED_SERVICES'),
    (75, 'UPDATE:BOOKED_SERVICES'),
    (76, 'DELETE:BOOKED_SERVICES'),
    (77, 'READ:BOOKING_ASSIGNMENT'),
    (78, 'WRITE:BOOKING_ASSIGNMENT'),
    (79, 'UPDATE:BOOKING_ASSIGNMENT'),
    (80, 'DELETE:BOOKING_ASSIGNMENT'),
    (81, 'READ:BOOKING_ANALYSIS'),
    (82, 'WRITE:BOOKING_ANALYSIS'),
    (83, 'UPDATE:BOOKING_ANALYSIS'),
    (84, 'DELETE:BOOKING_ANALYSIS'),
    (85, 'READ:BOOKING_PROGRESS'),
    (86, 'WRITE:BOOKING_PROGRESS'),
    (87, 'UPDATE:BOOKING_PROGRESS'),
    (88, 'DELETE:BOOKING_PROGRESS'),
    (89, 'READ:BOOKING_RECOMMENDATIONS'),
    (90, 'WRITE:BOOKING_RECOMMENDATIONS'),
    (91, 'UPDATE:BOOKING_RECOMMENDATIONS'),
    (92, 'DELETE:BOOKING_RECOMMENDATIONS'),
    (93, 'READ:CONTENT'),
    (94, 'UPDATE:CONTENT'),
    (95, 'READ:GST'),
    (96, 'UPDATE:GST'),
    (97, 'READ:QUERIES'),
    (98, 'WRITE:QUERIES'),
    (99, 'UPDATE:QUERIES'),
    (100, 'READ:NOTIFICATION_LOG'),
    (101, 'WRITE:NOTIFICATION_LOG'),
    (102, 'UPDATE:NOTIFICATION_LOG'),
    (103, 'DELETE:NOTIFICATION_LOG'),
    (104, 'READ:BACKUP'),
    (105, 'WRITE:BACKUP'),
    (106, 'UPDATE:BACKUP'),
    (107, 'DELETE:BACKUP'),
    (108, 'READ:PAYMENTS'),
    (109, 'WRITE:PAYMENTS'),
    (110, 'UPDATE:PAYMENTS'),
    (111, 'READ:EVENTS'),
    (112, 'WRITE:MEDIA'),
    (113, 'READ:SETTINGS'),
    (114, 'UPDATE:SETTINGS'),
    (115, 'READ:REPORTS')
ON CONFLICT DO NOTHING;

-- §3.2 role_permissions exactly as the matrix: admin 115, mechanic 35, customer 50 rows.
-- Missing links are (re)inserted by natural key; the matrix has no editing API.
INSERT INTO role_permissions (role_id, permission_id)
SELECT 1, p.id FROM permissions p WHERE p.permission IN (
    'READ:RBAC', 'WRITE:RBAC', 'UPDATE:RBAC', 'DELETE:RBAC',
    'READ:USERS', 'WRITE:USERS', 'UPDATE:USERS', 'DELETE:USERS',
    'READ:MECHANICS', 'WRITE:MECHANICS', 'UPDATE:MECHANICS', 'DELETE:MECHANICS',
    'READ:ADMINS', 'WRITE:ADMINS', 'UPDATE:ADMINS', 'DELETE:ADMINS',
    'READ:CUSTOMERS', 'WRITE:CUSTOMERS', 'UPDATE:CUSTOMERS', 'DELETE:CUSTOMERS',
    'READ:REFRESH_TOKENS', 'WRITE:REFRESH_TOKENS', 'UPDATE:REFRESH_TOKENS', 'DELETE:REFRESH_TOKENS',
    'READ:UTILS', 'WRITE:UTILS', 'UPDATE:UTILS', 'DELETE:UTILS',
    'READ:CARS', 'WRITE:CARS', 'UPDATE:CARS', 'DELETE:CARS',
    'READ:CUSTOMER_CARS', 'WRITE:CUSTOMER_CARS', 'UPDATE:CUSTOMER_CARS', 'DELETE:CUSTOMER_CARS',
    'READ:AREAS', 'WRITE:AREAS', 'UPDATE:AREAS', 'DELETE:AREAS',
    'READ:ADDRESSES', 'WRITE:ADDRESSES', 'UPDATE:ADDRESSES', 'DELETE:ADDRESSES',
    'READ:SERVICE_CATEGORIES', 'WRITE:SERVICE_CATEGORIES', 'UPDATE:SERVICE_CATEGORIES', 'DELETE:SERVICE_CATEGORIES',
    'READ:SERVICES', 'WRITE:SERVICES', 'UPDATE:SERVICES', 'DELETE:SERVICES',
    'READ:PRICE_CHART', 'WRITE:PRICE_CHART', 'UPDATE:PRICE_CHART', 'DELETE:PRICE_CHART',
    'READ:SERVICE_REVIEWS', 'WRITE:SERVICE_REVIEWS', 'UPDATE:SERVICE_REVIEWS', 'DELETE:SERVICE_REVIEWS',
    'READ:FAVOURITES', 'WRITE:FAVOURITES', 'UPDATE:FAVOURITES', 'DELETE:FAVOURITES',
    'READ:CART', 'WRITE:CART', 'UPDATE:CART', 'DELETE:CART',
    'READ:BOOKINGS', 'WRITE:BOOKINGS', 'UPDATE:BOOKINGS', 'DELETE:BOOKINGS',
    'READ:BOOKED_SERVICES', 'WRITE:BOOKED_SERVICES', 'UPDATE:BOOKED_SERVICES', 'DELETE:BOOKED_SERVICES',
    'READ:BOOKING_ASSIGNMENT', 'WRITE:BOOKING_ASSIGNMENT', 'UPDATE:BOOKING_ASSIGNMENT', 'DELETE:BOOKING_ASSIGNMENT',
    'READ:BOOKING_ANALYSIS', 'WRITE:BOOKING_ANALYSIS', 'UPDATE:BOOKING_ANALYSIS', 'DELETE:BOOKING_ANALYSIS',
    'READ:BOOKING_PROGRESS', 'WRITE:BOOKING_PROGRESS', 'UPDATE:BOOKING_PROGRESS', 'DELETE:BOOKING_PROGRESS',
    'READ:BOOKING_RECOMMENDATIONS', 'WRITE:BOOKING_RECOMMENDATIONS', 'UPDATE:BOOKING_RECOMMENDATIONS', 'DELETE:BOOKING_RECOMMENDATIONS',
    'READ:CONTENT', 'UPDATE:CONTENT',
    'READ:GST', 'UPDATE:GST',
    'READ:QUERIES', 'WRITE:QUERIES', 'UPDATE:QUERIES',
    'READ:NOTIFICATION_LOG', 'WRITE:NOTIFICATION_LOG', 'UPDATE:NOTIFICATION_LOG', 'DELETE:NOTIFICATION_LOG',
    'READ:BACKUP', 'WRITE:BACKUP', 'UPDATE:BACKUP', 'DELETE:BACKUP',
    'READ:PAYMENTS', 'WRITE:PAYMENTS', 'UPDATE:PAYMENTS',
    'READ:EVENTS',
    'WRITE:MEDIA',
    'READ:SETTINGS', 'UPDATE:SETTINGS',
    'READ:REPORTS'
)
ON CONFLICT DO NOTHING;  -- admin: 115 scopes

INSERT INTO role_permissions (role_id, permission_id)
SELECT 2, p.id FROM permissions p WHERE p.permission IN (
    'READ:RBAC',
    'READ:USERS', 'UPDATE:USERS',
    'READ:MECHANICS', 'UPDATE:MECHANICS',
    'READ:CUSTOMERS',
    'READ:REFRESH_TOKENS', 'UPDATE:REFRESH_TOKENS',
    'READ:UTILS',
    'READ:CARS',
    'READ:CUSTOMER_CARS',
    'READ:AREAS',
    'READ:ADDRESSES',
    'READ:SERVICE_CATEGORIES',
    'READ:SERVICES',
    'READ:PRICE_CHART',
    'READ:SERVICE_REVIEWS',
    'READ:FAVOURITES',
    'READ:CART',
    'READ:BOOKINGS',
    'READ:BOOKED_SERVICES',
    'READ:BOOKING_ASSIGNMENT', 'UPDATE:BOOKING_ASSIGNMENT',
    'READ:BOOKING_ANALYSIS', 'WRITE:BOOKING_ANALYSIS',
    'READ:BOOKING_PROGRESS', 'WRITE:BOOKING_PROGRESS',
    'READ:BOOKING_RECOMMENDATIONS', 'WRITE:BOOKING_RECOMMENDATIONS',
    'READ:CONTENT',
    'READ:GST',
    'READ:PAYMENTS', 'WRITE:PAYMENTS',
    'READ:EVENTS',
    'WRITE:MEDIA'
)
ON CONFLICT DO NOTHING;  -- mechanic: 35 scopes

INSERT INTO role_permissions (role_id, permission_id)
SELECT 3, p.id FROM permissions p WHERE p.permission IN (
    'READ:RBAC',
    'READ:USERS', 'UPDATE:USERS',
    'READ:CUSTOMERS', 'UPDATE:CUSTOMERS', 'DELETE:CUSTOMERS',
    'READ:REFRESH_TOKENS', 'UPDATE:REFRESH_TOKENS',
    'READ:UTILS',
    'READ:CARS',
    'READ:CUSTOMER_CARS', 'WRITE:CUSTOMER_CARS', 'UPDATE:CUSTOMER_CARS', 'DELETE:CUSTOMER_CARS',
    'READ:AREAS',
    'READ:ADDRESSES', 'WRITE:ADDRESSES', 'UPDATE:ADDRESSES', 'DELETE:ADDRESSES',
    'READ:SERVICE_CATEGORIES',
    'READ:SERVICES',
    'READ:PRICE_CHART',
    'READ:SERVICE_REVIEWS', 'WRITE:SERVICE_REVIEWS', 'UPDATE:SERVICE_REVIEWS', 'DELETE:SERVICE_REVIEWS',
    'READ:FAVOURITES', 'WRITE:FAVOURITES', 'DELETE:FAVOURITES',
    'READ:CART', 'WRITE:CART', 'DELETE:CART',
    'READ:BOOKINGS', 'WRITE:BOOKINGS', 'UPDATE:BOOKINGS',
    'READ:BOOKED_SERVICES', 'WRITE:BOOKED_SERVICES', 'UPDATE:BOOKED_SERVICES',
    'READ:BOOKING_ASSIGNMENT',
    'READ:BOOKING_ANALYSIS',
    'READ:BOOKING_PROGRESS',
    'READ:BOOKING_RECOMMENDATIONS',
    'READ:CONTENT',
    'READ:GST',
    'READ:QUERIES', 'WRITE:QUERIES',
    'READ:NOTIFICATION_LOG',
    'READ:PAYMENTS',
    'READ:EVENTS',
    'WRITE:MEDIA'
)
ON CONFLICT DO NOTHING;  -- customer: 50 scopes

-- §5.1 statuses 1-18, all built in
INSERT INTO status (id, name, builtin) VALUES
    (1, 'booked', true),
    (2, 'pickup', true),
    (3, 'received', true),
    (4, 'analysis', true),
    (5, 'analysed', true),
    (6, 'in-progress', true),
    (7, 'completed', true),
    (8, 'out for delivery', true),
    (9, 'delivered', true),
    (10, 'cancelled', true),
    (11, 'assigned', true),
    (12, 'confirmed', true),
    (13, 'rejected', true),
    (14, 'pending', true),
    (15, 'success', true),
    (16, 'failed', true),
    (17, 'released', true),
    (18, 'voided', true)
ON CONFLICT DO NOTHING;

-- §5.3 assignment types 1-4, all built in
INSERT INTO assignment_types (id, name, builtin) VALUES
    (1, 'pickup', true),
    (2, 'drop', true),
    (3, 'service', true),
    (4, 'analysis', true)
ON CONFLICT DO NOTHING;

-- §11.2 timeslots (capacity NULL = unlimited)
INSERT INTO timeslots (id, name, start_time, end_time, capacity) VALUES
    (1, 'Morning', '08:00:00', '12:00:00', NULL),
    (2, 'Afternoon', '13:00:00', '16:00:00', NULL),
    (3, 'Evening', '16:00:00', '19:00:00', NULL),
    (4, 'Night', '19:00:00', '22:00:00', NULL)
ON CONFLICT DO NOTHING;

-- §11.2 payment methods
INSERT INTO payment_methods (id, name) VALUES
    (1, 'online'),
    (2, 'offline')
ON CONFLICT DO NOTHING;

-- §9.2 notification categories
INSERT INTO notification_categories (id, name) VALUES
    (1, 'Booking Confirmation'),
    (2, 'Progress Update'),
    (3, 'Invoice'),
    (4, 'Query Response'),
    (5, 'Analysis Ready'),
    (6, 'Booking Cancelled'),
    (7, 'Refund')
ON CONFLICT DO NOTHING;

-- §11.3 areas (30, Chennai)
INSERT INTO areas (id, name, pincode) VALUES
    (1, 'Adyar', 600020),
    (2, 'Anna Nagar', 600040),
    (3, 'T. Nagar', 600017),
    (4, 'Velachery', 600042),
    (5, 'Nungambakkam', 600034),
    (6, 'Guindy', 600032),
    (7, 'Kodambakkam', 600024),
    (8, 'Tambaram', 600045),
    (9, 'Perambur', 600011),
    (10, 'Mylapore', 600004),
    (11, 'Saidapet', 600015),
    (12, 'Royapettah', 600014),
    (13, 'Thiruvanmiyur', 600041),
    (14, 'Kilpauk', 600010),
    (15, 'Egmore', 600008),
    (16, 'Purasawalkam', 600007),
    (17, 'Madipakkam', 600091),
    (18, 'Porur', 600116),
    (19, 'Ambattur', 600053),
    (20, 'Alandur', 600016),
    (21, 'Chromepet', 600044),
    (22, 'Pallavaram', 600043),
    (23, 'Sholinganallur', 600119),
    (24, 'Medavakkam', 600100),
    (25, 'Thoraipakkam', 600097),
    (26, 'Manapakkam', 600125),
    (27, 'West Mambalam', 600033),
    (28, 'Perungudi', 600096),
    (29, 'Avadi', 600054),
    (30, 'Koyambedu', 600107)
ON CONFLICT DO NOTHING;

-- §11.4 fuel types
INSERT INTO fuel_types (id, fuel_name) VALUES
    (1, 'Petrol'),
    (2, 'Diesel'),
    (3, 'Electric'),
    (4, 'Hybrid'),
    (5, 'CNG')
ON CONFLICT DO NOTHING;

-- §11.4 manufacturers
INSERT INTO manufacturers (id, name) VALUES
    (1, 'Maruti Suzuki'),
    (2, 'Hyundai'),
    (3, 'Tata'),
    (4, 'Mahindra'),
    (5, 'Honda'),
    (6, 'Toyota'),
    (7, 'Kia'),
    (8, 'MG'),
    (9, 'Volkswagen'),
    (10, 'Skoda'),
    (11, 'Renault'),
    (12, 'Nissan'),
    (13, 'Ford'),
    (14, 'Jeep'),
    (15, 'Mercedes-Benz'),
    (16, 'BMW'),
    (17, 'Audi'),
    (18, 'Volvo'),
    (19, 'Lexus'),
    (20, 'Porsche'),
    (21, 'Jaguar'),
    (22, 'Land Rover'),
    (23, 'BYD'),
    (24, 'Citroën'),
    (25, 'Isuzu'),
    (26, 'Fiat')
ON CONFLICT DO NOTHING;

-- §11.4 car classes
INSERT INTO car_classes (id, class) VALUES
    (1, 'Basic Hatchback'),
    (2, 'Premium Hatchback'),
    (3, 'Luxury Hatchback'),
    (4, 'Basic Sedan'),
    (5, 'Premium Sedan'),
    (6, 'Luxury Sedan'),
    (7, 'Basic SUV'),
    (8, 'Premium SUV'),
    (9, 'Luxury SUV'),
    (10, 'Basic MPV'),
    (11, 'Premium MPV'),
    (12, 'Luxury MPV'),
    (13, 'Premium Coupe'),
    (14, 'Luxury Coupe'),
    (15, 'Premium Convertible'),
    (16, 'Luxury Convertible'),
    (17, 'Basic Crossover'),
    (18, 'Premium Crossover'),
    (19, 'Luxury Crossover'),
    (20, 'Basic Pickup Truck'),
    (21, 'Premium Pickup Truck')
ON CONFLICT DO NOTHING;

-- §11.4 car models
INSERT INTO cars (id, model, manufacturer_id, fuel_type_id, car_class_id, year, img) VALUES
    (1, 'Swift', 1, 1, 1, 2024, 'swift.jpg'),
    (2, 'Creta', 2, 2, 8, 2024, 'creta.jpg'),
    (3, 'Nexon EV', 3, 3, 8, 2023, 'nexon_ev.jpg'),
    (4, 'Fortuner', 6, 2, 8, 2024, 'fortuner.jpg'),
    (5, 'City', 5, 1, 5, 2024, 'city.jpg')
ON CONFLICT DO NOTHING;

-- §11.5 service categories
INSERT INTO service_categories (id, name, description, image) VALUES
    (1, 'Service Packages', 'Bundled periodic services for complete car care.', 'https://example.com/images/categories/1.jpg'),
    (2, 'Engine Services', 'Keep the engine running smoothly and efficiently.', 'https://example.com/images/categories/2.jpg'),
    (3, 'Brake Services', 'Inspection and repair for safe, reliable braking.', 'https://example.com/images/categories/3.jpg'),
    (4, 'Transmission & Clutch', 'Clutch and gearbox work for smooth shifting.', 'https://example.com/images/categories/4.jpg'),
    (5, 'Suspension & Steering', 'Ride comfort, handling and steering precision.', 'https://example.com/images/categories/5.jpg'),
    (6, 'Electrical & Battery', 'Battery, charging, lighting and vehicle electronics.', 'https://example.com/images/categories/6.jpg'),
    (7, 'Air Conditioning & Heating', 'Cabin cooling, heating and ventilation.', 'https://example.com/images/categories/7.jpg'),
    (8, 'Tyres & Wheels', 'Tyre and wheel care for safety and longer life.', 'https://example.com/images/categories/8.jpg'),
    (9, 'Body & Paint Work', 'Dent, scratch and paint repair.', 'https://example.com/images/categories/9.jpg'),
    (10, 'Washing & Detailing', 'Cleaning and detailing inside and out.', 'https://example.com/images/categories/10.jpg'),
    (11, 'Accessories & Add-Ons', 'Upgrades and accessory installation.', 'https://example.com/images/categories/11.jpg'),
    (12, 'Hybrid & EV Services', 'Care for hybrid and electric drive systems.', 'https://example.com/images/categories/12.jpg')
ON CONFLICT DO NOTHING;

-- §11.6 services, §11.6 service_fuel_types and §11.7 price_chart.
-- A service's fuel types and prices are seeded together with the service, i.e. only for services
-- inserted by this statement: an admin's later changes to a seeded service's fuel types or
-- prices (PUT /services/{id} replaces both sets) are never undone by re-seeding.
WITH new_services AS (
    INSERT INTO services (id, title, description, category_id, works, warranty_kms,
                          warranty_months, time_hrs, difficulty, images, symptoms)
    VALUES
    (1, 'Basic Service',
     'Essential periodic service covering engine oil, filters and a basic safety check.',
     1, ARRAY['Replace engine oil', 'Replace oil filter', 'Top up all fluids', 'Check brakes and tyres', 'Inspect lights and battery'],
     5000, 3, 1.5, 1,
     ARRAY['https://example.com/images/services/1-1.jpg', 'https://example.com/images/services/1-2.jpg', 'https://example.com/images/services/1-3.jpg'],
     ARRAY['service due', 'oil change due', 'routine checkup', 'general maintenance']),
    (2, 'Standard Service',
     'Periodic service with oil, air and cabin filter replacement plus a wider inspection.',
     1, ARRAY['Replace engine oil and oil filter', 'Replace air filter', 'Replace cabin air filter', 'Top up all fluids', 'Inspect brakes, suspension and tyres'],
     7500, 4, 2.5, 2,
     ARRAY['https://example.com/images/services/2-1.jpg', 'https://example.com/images/services/2-2.jpg', 'https://example.com/images/services/2-3.jpg'],
     ARRAY['service overdue', 'dusty cabin air', 'reduced mileage', 'periodic maintenance']),
    (3, 'Comprehensive Service',
     'Complete periodic service with all filters, spark plugs and a full vehicle health check.',
     1, ARRAY['Replace engine oil and all filters', 'Replace spark plugs where fitted', 'Clean throttle body', 'Inspect brakes, suspension and steering', 'Scan for fault codes', 'Road test the car'],
     10000, 6, 4.0, 3,
     ARRAY['https://example.com/images/services/3-1.jpg', 'https://example.com/images/services/3-2.jpg', 'https://example.com/images/services/3-3.jpg'],
     ARRAY['long time since service', 'poor performance', 'low mileage', 'complete checkup']),
    (4, 'Oil Change',
     'Drain old engine oil and refill with fresh grade-correct oil and a new filter.',
     2, ARRAY['Drain old engine oil', 'Replace oil filter', 'Refill with recommended oil', 'Check for leaks and reset service reminder'],
     5000, 3, 0.5, 1,
     ARRAY['https://example.com/images/services/4-1.jpg', 'https://example.com/images/services/4-2.jpg', 'https://example.com/images/services/4-3.jpg'],
     ARRAY['oil warning light', 'dirty engine oil', 'engine noise', 'oil level low']),
    (5, 'Engine Tune-Up',
     'Restore engine smoothness and economy with plugs, filters and idle adjustment.',
     2, ARRAY['Replace spark plugs or glow plugs', 'Replace air and fuel filters', 'Clean throttle body and injectors', 'Adjust idle settings', 'Road test for smoothness'],
     15000, 6, 2.0, 3,
     ARRAY['https://example.com/images/services/5-1.jpg', 'https://example.com/images/services/5-2.jpg', 'https://example.com/images/services/5-3.jpg'],
     ARRAY['rough idle', 'poor pickup', 'engine misfiring', 'high fuel consumption']),
    (6, 'Engine Diagnostics & Repair',
     'Find and fix engine faults using scan tools and hands-on mechanical checks.',
     2, ARRAY['Scan engine control unit for fault codes', 'Check compression and ignition', 'Inspect sensors and wiring', 'Repair or replace faulty parts', 'Clear codes and road test'],
     10000, 6, 3.0, 4,
     ARRAY['https://example.com/images/services/6-1.jpg', 'https://example.com/images/services/6-2.jpg', 'https://example.com/images/services/6-3.jpg'],
     ARRAY['check engine light', 'engine stalling', 'loss of power', 'unusual engine noise']),
    (7, 'Timing Belt/Chain Replacement',
     'Replace the timing belt or chain with tensioner to prevent serious engine damage.',
     2, ARRAY['Remove covers and ancillary belts', 'Replace timing belt or chain', 'Replace tensioner and idler pulleys', 'Set engine timing marks', 'Refit covers and test run'],
     60000, 24, 5.0, 5,
     ARRAY['https://example.com/images/services/7-1.jpg', 'https://example.com/images/services/7-2.jpg', 'https://example.com/images/services/7-3.jpg'],
     ARRAY['ticking noise from engine', 'timing belt due', 'engine will not start', 'rattling on cold start']),
    (8, 'Cooling System Service',
     'Flush and refill the cooling system and check the radiator, hoses and thermostat.',
     2, ARRAY['Drain old coolant', 'Flush radiator and engine passages', 'Inspect hoses, radiator and thermostat', 'Refill with fresh coolant', 'Bleed air and check for leaks'],
     20000, 12, 2.0, 2,
     ARRAY['https://example.com/images/services/8-1.jpg', 'https://example.com/images/services/8-2.jpg', 'https://example.com/images/services/8-3.jpg'],
     ARRAY['engine overheating', 'coolant leak', 'temperature gauge high', 'sweet smell from engine']),
    (9, 'Brake Pad Replacement',
     'Fit new brake pads and check discs and calipers for safe stopping.',
     3, ARRAY['Remove wheels and old pads', 'Inspect discs and calipers', 'Fit new brake pads', 'Lubricate slide pins', 'Road test the brakes'],
     20000, 12, 1.5, 2,
     ARRAY['https://example.com/images/services/9-1.jpg', 'https://example.com/images/services/9-2.jpg', 'https://example.com/images/services/9-3.jpg'],
     ARRAY['squeaking brakes', 'grinding noise when braking', 'longer stopping distance', 'brake warning light']),
    (10, 'Brake Disc/Drum Resurfacing',
     'Resurface worn brake discs or drums to remove vibration and restore even braking.',
     3, ARRAY['Remove brake discs or drums', 'Measure thickness against limits', 'Machine the braking surface', 'Refit and bed in the brakes'],
     15000, 12, 2.5, 3,
     ARRAY['https://example.com/images/services/10-1.jpg', 'https://example.com/images/services/10-2.jpg', 'https://example.com/images/services/10-3.jpg'],
     ARRAY['brake pedal vibration', 'steering shake when braking', 'uneven braking', 'scored brake discs']),
    (11, 'Brake Fluid Replacement',
     'Replace old brake fluid to keep the pedal firm and the system free of moisture.',
     3, ARRAY['Drain old brake fluid', 'Refill with fresh fluid of the correct grade', 'Bleed every brake line', 'Check pedal feel and leaks'],
     30000, 24, 1.0, 2,
     ARRAY['https://example.com/images/services/11-1.jpg', 'https://example.com/images/services/11-2.jpg', 'https://example.com/images/services/11-3.jpg'],
     ARRAY['spongy brake pedal', 'dark brake fluid', 'soft brake pedal', 'brake fluid change due']),
    (12, 'ABS Check & Repair',
     'Diagnose and repair anti-lock braking system faults using electronic testing.',
     3, ARRAY['Scan ABS module for fault codes', 'Test wheel speed sensors', 'Inspect ABS wiring and pump', 'Repair or replace faulty parts', 'Clear codes and road test'],
     20000, 12, 2.5, 4,
     ARRAY['https://example.com/images/services/12-1.jpg', 'https://example.com/images/services/12-2.jpg', 'https://example.com/images/services/12-3.jpg'],
     ARRAY['abs warning light', 'wheels locking when braking', 'abs not working', 'brake pulsing']),
    (13, 'Complete Brake Overhaul',
     'Full brake system rebuild with new pads, shoes, fluid and inspected lines.',
     3, ARRAY['Replace front pads and rear shoes', 'Resurface or replace discs and drums', 'Service calipers and wheel cylinders', 'Replace brake fluid', 'Inspect brake lines and hoses', 'Road test the brakes'],
     30000, 18, 5.0, 4,
     ARRAY['https://example.com/images/services/13-1.jpg', 'https://example.com/images/services/13-2.jpg', 'https://example.com/images/services/13-3.jpg'],
     ARRAY['poor braking', 'brake noise on all wheels', 'brake pedal goes low', 'brakes worn out']),
    (14, 'Clutch Plate Replacement',
     'Replace the worn clutch plate, pressure plate and release bearing.',
     4, ARRAY['Remove gearbox', 'Replace clutch plate and pressure plate', 'Replace release bearing', 'Inspect flywheel surface', 'Refit gearbox and adjust clutch'],
     40000, 18, 6.0, 5,
     ARRAY['https://example.com/images/services/14-1.jpg', 'https://example.com/images/services/14-2.jpg', 'https://example.com/images/services/14-3.jpg'],
     ARRAY['clutch slipping', 'burning smell', 'hard clutch pedal', 'difficulty changing gears']),
    (15, 'Transmission Fluid Change',
     'Replace old gearbox oil to keep gear changes smooth and quiet.',
     4, ARRAY['Drain old transmission fluid', 'Replace filter where fitted', 'Refill with recommended fluid', 'Check level and test shifts'],
     40000, 24, 1.5, 2,
     ARRAY['https://example.com/images/services/15-1.jpg', 'https://example.com/images/services/15-2.jpg', 'https://example.com/images/services/15-3.jpg'],
     ARRAY['rough gear shifts', 'gearbox noise', 'delayed gear engagement', 'gearbox oil change due']),
    (16, 'Gearbox Repair/Overhaul',
     'Repair or overhaul the gearbox, replacing worn gears, bearings and synchronisers.',
     4, ARRAY['Remove and dismantle gearbox', 'Inspect gears, bearings and synchronisers', 'Replace worn parts and seals', 'Reassemble and refill gearbox', 'Refit and road test'],
     50000, 24, 12.0, 5,
     ARRAY['https://example.com/images/services/16-1.jpg', 'https://example.com/images/services/16-2.jpg', 'https://example.com/images/services/16-3.jpg'],
     ARRAY['gear slipping out', 'grinding when shifting', 'whining gearbox', 'gears not engaging']),
    (17, 'Flywheel Repair/Replacement',
     'Resurface or replace the flywheel to cure clutch judder and vibration.',
     4, ARRAY['Remove gearbox and clutch', 'Inspect flywheel for wear and cracks', 'Resurface or replace flywheel', 'Refit clutch and gearbox', 'Road test for smooth engagement'],
     50000, 24, 7.0, 5,
     ARRAY['https://example.com/images/services/17-1.jpg', 'https://example.com/images/services/17-2.jpg', 'https://example.com/images/services/17-3.jpg'],
     ARRAY['clutch judder', 'vibration when starting', 'knocking at idle', 'clutch chatter']),
    (18, 'Hydraulic Clutch System Service',
     'Service the hydraulic clutch with fresh fluid and checked master and slave cylinders.',
     4, ARRAY['Inspect master and slave cylinders', 'Replace clutch fluid', 'Bleed the hydraulic line', 'Check pedal travel and engagement'],
     20000, 12, 1.5, 2,
     ARRAY['https://example.com/images/services/18-1.jpg', 'https://example.com/images/services/18-2.jpg', 'https://example.com/images/services/18-3.jpg'],
     ARRAY['clutch pedal sinks', 'clutch fluid leak', 'spongy clutch', 'gears hard to engage']),
    (19, 'Shock Absorber Replacement',
     'Replace worn shock absorbers to restore ride comfort and road grip.',
     5, ARRAY['Inspect shock absorbers and mounts', 'Remove worn shock absorbers', 'Fit new shock absorbers', 'Check ride height and road test'],
     30000, 18, 2.0, 3,
     ARRAY['https://example.com/images/services/19-1.jpg', 'https://example.com/images/services/19-2.jpg', 'https://example.com/images/services/19-3.jpg'],
     ARRAY['bouncy ride', 'nose dips when braking', 'oil on shock absorber', 'knocking over bumps']),
    (20, 'Wheel Alignment',
     'Align the wheels to factory angles for straight driving and even tyre wear.',
     5, ARRAY['Inspect steering and suspension joints', 'Measure camber, caster and toe', 'Adjust angles to specification', 'Centre the steering wheel and road test'],
     10000, 6, 1.0, 2,
     ARRAY['https://example.com/images/services/20-1.jpg', 'https://example.com/images/services/20-2.jpg', 'https://example.com/images/services/20-3.jpg'],
     ARRAY['pulls to one side', 'steering off centre', 'uneven tyre wear', 'vehicle drifting']),
    (21, 'Steering Rack & Pinion Repair',
     'Repair the steering rack and pinion to remove play, leaks and heavy steering.',
     5, ARRAY['Inspect steering rack, boots and tie rods', 'Remove the steering rack', 'Replace seals or rebuild the rack', 'Refit and refill steering fluid', 'Align wheels and road test'],
     40000, 18, 4.0, 4,
     ARRAY['https://example.com/images/services/21-1.jpg', 'https://example.com/images/services/21-2.jpg', 'https://example.com/images/services/21-3.jpg'],
     ARRAY['steering play', 'heavy steering', 'knocking when turning', 'power steering leak']),
    (22, 'Suspension Bush Replacement',
     'Replace worn suspension bushes to stop clunks and tighten the handling.',
     5, ARRAY['Inspect suspension arms and bushes', 'Press out worn bushes', 'Press in new bushes', 'Torque fittings and check alignment'],
     30000, 18, 3.0, 4,
     ARRAY['https://example.com/images/services/22-1.jpg', 'https://example.com/images/services/22-2.jpg', 'https://example.com/images/services/22-3.jpg'],
     ARRAY['clunking over bumps', 'loose handling', 'squeaking suspension', 'vibration in steering']),
    (23, 'Power Steering Fluid Check/Refill',
     'Check power steering fluid level and condition and refill or top up as needed.',
     5, ARRAY['Check fluid level and condition', 'Inspect hoses and pump for leaks', 'Top up or replace fluid', 'Test steering at full lock'],
     10000, 6, 0.5, 1,
     ARRAY['https://example.com/images/services/23-1.jpg', 'https://example.com/images/services/23-2.jpg', 'https://example.com/images/services/23-3.jpg'],
     ARRAY['whining when turning', 'stiff steering', 'steering fluid low', 'noise at full lock']),
    (24, 'Battery Check & Replacement',
     'Test battery health and charging, and replace the battery when it is weak.',
     6, ARRAY['Test battery voltage and cranking load', 'Clean and tighten terminals', 'Replace battery if weak', 'Check charging voltage'],
     15000, 12, 0.5, 1,
     ARRAY['https://example.com/images/services/24-1.jpg', 'https://example.com/images/services/24-2.jpg', 'https://example.com/images/services/24-3.jpg'],
     ARRAY['not starting', 'slow cranking', 'battery warning light', 'dim lights']),
    (25, 'Alternator & Starter Motor Repair',
     'Repair charging and starting faults in the alternator and starter motor.',
     6, ARRAY['Test alternator output', 'Test starter motor draw', 'Repair or replace faulty unit', 'Check belts and wiring', 'Verify charging and starting'],
     25000, 12, 3.0, 3,
     ARRAY['https://example.com/images/services/25-1.jpg', 'https://example.com/images/services/25-2.jpg', 'https://example.com/images/services/25-3.jpg'],
     ARRAY['battery keeps draining', 'clicking when starting', 'charging light on', 'whining alternator']),
    (26, 'Headlight & Indicator Replacement',
     'Replace faulty headlight bulbs and indicators and aim the headlights correctly.',
     6, ARRAY['Check all exterior lights', 'Replace failed bulbs or units', 'Repair indicator relay if needed', 'Aim headlights'],
     5000, 6, 0.5, 1,
     ARRAY['https://example.com/images/services/26-1.jpg', 'https://example.com/images/services/26-2.jpg', 'https://example.com/images/services/26-3.jpg'],
     ARRAY['headlight not working', 'indicator not blinking', 'fast blinking indicator', 'dim headlights']),
    (27, 'ECU Diagnostics',
     'Read and diagnose engine control unit faults with professional scan tools.',
     6, ARRAY['Connect diagnostic scanner', 'Read and record fault codes', 'Test related sensors and actuators', 'Update or reset the control unit', 'Clear codes and verify'],
     10000, 6, 2.0, 4,
     ARRAY['https://example.com/images/services/27-1.jpg', 'https://example.com/images/services/27-2.jpg', 'https://example.com/images/services/27-3.jpg'],
     ARRAY['dashboard warning lights', 'erratic engine behaviour', 'electronic fault', 'sensor error']),
    (28, 'Wiring & Fuse Repair',
     'Trace and repair electrical wiring faults, shorts and blown fuses.',
     6, ARRAY['Check fuses and relays', 'Trace faulty circuits', 'Repair damaged wiring and connectors', 'Test every affected accessory'],
     15000, 12, 2.0, 3,
     ARRAY['https://example.com/images/services/28-1.jpg', 'https://example.com/images/services/28-2.jpg', 'https://example.com/images/services/28-3.jpg'],
     ARRAY['fuse keeps blowing', 'power windows not working', 'electrical short', 'accessories not working']),
    (29, 'AC Gas Refill',
     'Recover, vacuum and recharge the air conditioning gas for strong cooling.',
     7, ARRAY['Check system for leaks', 'Recover old refrigerant', 'Vacuum the system', 'Recharge with correct gas quantity', 'Check vent temperature'],
     10000, 6, 1.0, 2,
     ARRAY['https://example.com/images/services/29-1.jpg', 'https://example.com/images/services/29-2.jpg', 'https://example.com/images/services/29-3.jpg'],
     ARRAY['ac not cooling', 'warm air from vents', 'weak ac cooling', 'ac gas low']),
    (30, 'AC Compressor Repair',
     'Repair or replace the air conditioning compressor and its clutch.',
     7, ARRAY['Diagnose compressor and clutch', 'Recover refrigerant', 'Repair or replace the compressor', 'Replace drier and seals', 'Vacuum, recharge and test cooling'],
     20000, 12, 3.0, 4,
     ARRAY['https://example.com/images/services/30-1.jpg', 'https://example.com/images/services/30-2.jpg', 'https://example.com/images/services/30-3.jpg'],
     ARRAY['ac compressor noise', 'ac clutch not engaging', 'no cooling', 'ac switches off']),
    (31, 'AC Filter Cleaning/Replacement',
     'Clean or replace the cabin air filter for fresh, dust-free air.',
     7, ARRAY['Remove cabin air filter', 'Clean or replace the filter', 'Disinfect air vents', 'Check airflow at every vent'],
     15000, 12, 0.5, 1,
     ARRAY['https://example.com/images/services/31-1.jpg', 'https://example.com/images/services/31-2.jpg', 'https://example.com/images/services/31-3.jpg'],
     ARRAY['bad smell from ac', 'weak airflow', 'dusty air from vents', 'ac filter dirty']),
    (32, 'Heater/Blower Repair',
     'Repair the heater and blower so fan speeds and warm air work properly.',
     7, ARRAY['Test blower motor and resistor', 'Inspect heater core and valves', 'Repair or replace faulty parts', 'Check all fan speeds'],
     15000, 12, 2.5, 3,
     ARRAY['https://example.com/images/services/32-1.jpg', 'https://example.com/images/services/32-2.jpg', 'https://example.com/images/services/32-3.jpg'],
     ARRAY['blower not working', 'fan works only on high', 'no heat', 'noise from blower']),
    (33, 'Leak Detection & Fix',
     'Find and seal leaks in the air conditioning system to stop gas loss.',
     7, ARRAY['Add dye or use a leak detector', 'Locate leaking pipes or joints', 'Replace seals or faulty parts', 'Vacuum and recharge the system'],
     15000, 12, 2.0, 3,
     ARRAY['https://example.com/images/services/33-1.jpg', 'https://example.com/images/services/33-2.jpg', 'https://example.com/images/services/33-3.jpg'],
     ARRAY['ac needs frequent refill', 'oily spots on ac pipes', 'hissing noise', 'ac cooling drops']),
    (34, 'Wheel Alignment',
     'Align wheels after tyre work so new tyres wear evenly and the car tracks straight.',
     8, ARRAY['Inspect tyres and suspension', 'Measure wheel angles', 'Adjust toe and camber', 'Centre the steering and road test'],
     10000, 6, 1.0, 2,
     ARRAY['https://example.com/images/services/34-1.jpg', 'https://example.com/images/services/34-2.jpg', 'https://example.com/images/services/34-3.jpg'],
     ARRAY['pulls to one side', 'uneven tyre wear', 'steering wheel crooked', 'alignment after tyre change']),
    (35, 'Wheel Balancing',
     'Balance all wheels to remove vibration at speed and extend tyre life.',
     8, ARRAY['Remove wheels', 'Spin balance each wheel', 'Fit balancing weights', 'Refit wheels and torque nuts'],
     10000, 6, 0.75, 1,
     ARRAY['https://example.com/images/services/35-1.jpg', 'https://example.com/images/services/35-2.jpg', 'https://example.com/images/services/35-3.jpg'],
     ARRAY['steering vibration at speed', 'wobbling wheels', 'seat vibration', 'new tyres fitted']),
    (36, 'Tyre Rotation',
     'Rotate tyres between positions so they wear evenly and last longer.',
     8, ARRAY['Inspect tread depth on all tyres', 'Rotate tyres to the recommended pattern', 'Set tyre pressures', 'Torque wheel nuts'],
     10000, 6, 0.5, 1,
     ARRAY['https://example.com/images/services/36-1.jpg', 'https://example.com/images/services/36-2.jpg', 'https://example.com/images/services/36-3.jpg'],
     ARRAY['uneven tyre wear', 'tyre rotation due', 'front tyres worn', 'noisy tyres']),
    (37, 'Tyre Replacement',
     'Fit new tyres with balancing, correct pressures and valve replacement.',
     8, ARRAY['Remove old tyres', 'Fit new tyres and valves', 'Balance the wheels', 'Set pressures and torque nuts'],
     1000, 1, 1.0, 2,
     ARRAY['https://example.com/images/services/37-1.jpg', 'https://example.com/images/services/37-2.jpg', 'https://example.com/images/services/37-3.jpg'],
     ARRAY['bald tyres', 'tyre cracks', 'sidewall bulge', 'frequent punctures']),
    (38, 'Puncture Repair',
     'Repair punctures with a proper internal patch and check for slow leaks.',
     8, ARRAY['Locate the puncture', 'Remove the tyre and inspect inside', 'Patch and seal the puncture', 'Refit, inflate and leak test'],
     5000, 3, 0.5, 1,
     ARRAY['https://example.com/images/services/38-1.jpg', 'https://example.com/images/services/38-2.jpg', 'https://example.com/images/services/38-3.jpg'],
     ARRAY['flat tyre', 'slow air leak', 'nail in tyre', 'tyre pressure warning']),
    (39, 'Dent Removal',
     'Remove dents from body panels, using paintless repair where possible.',
     9, ARRAY['Assess dent size and paint condition', 'Push out dent with paintless tools', 'Fill and refinish if needed', 'Polish the panel'],
     0, 6, 2.0, 3,
     ARRAY['https://example.com/images/services/39-1.jpg', 'https://example.com/images/services/39-2.jpg', 'https://example.com/images/services/39-3.jpg'],
     ARRAY['dent on door', 'dent on bonnet', 'hail damage', 'parking dent']),
    (40, 'Scratch Repair',
     'Repair paint scratches and scuffs so the panel matches the rest of the car.',
     9, ARRAY['Clean and assess the scratch', 'Sand and prime the area', 'Apply colour-matched paint', 'Clear coat and polish'],
     0, 6, 1.5, 2,
     ARRAY['https://example.com/images/services/40-1.jpg', 'https://example.com/images/services/40-2.jpg', 'https://example.com/images/services/40-3.jpg'],
     ARRAY['paint scratches', 'key scratch', 'scuff marks', 'chipped paint']),
    (41, 'Full Body Painting',
     'Repaint the entire car with surface preparation, primer, colour and clear coat.',
     9, ARRAY['Wash and degrease the body', 'Sand and repair surface defects', 'Mask trim and glass', 'Apply primer and colour coats', 'Apply clear coat and bake', 'Polish the finish'],
     0, 12, 40.0, 5,
     ARRAY['https://example.com/images/services/41-1.jpg', 'https://example.com/images/services/41-2.jpg', 'https://example.com/images/services/41-3.jpg'],
     ARRAY['faded paint', 'peeling paint', 'colour change', 'rust spots']),
    (42, 'Bumper Repair',
     'Repair cracked, loose or dented bumpers and refinish them to match.',
     9, ARRAY['Remove the bumper if needed', 'Plastic weld cracks and fix mounts', 'Fill, sand and prime', 'Paint and refit the bumper'],
     0, 6, 3.0, 3,
     ARRAY['https://example.com/images/services/42-1.jpg', 'https://example.com/images/services/42-2.jpg', 'https://example.com/images/services/42-3.jpg'],
     ARRAY['cracked bumper', 'bumper hanging loose', 'scratched bumper', 'dented bumper']),
    (43, 'Alloy Wheel Painting',
     'Refinish scratched or kerbed alloy wheels with fresh paint and lacquer.',
     9, ARRAY['Remove wheels and tyres', 'Strip and sand damaged areas', 'Prime and paint the wheels', 'Lacquer and refit'],
     0, 6, 4.0, 3,
     ARRAY['https://example.com/images/services/43-1.jpg', 'https://example.com/images/services/43-2.jpg', 'https://example.com/images/services/43-3.jpg'],
     ARRAY['scratched alloy wheels', 'kerb damage on rims', 'faded wheels', 'corroded alloys']),
    (44, 'Exterior Wash',
     'Thorough exterior foam wash, rinse and dry for a clean, shining car.',
     10, ARRAY['Pre-rinse the body', 'Foam wash the exterior', 'Clean wheels and tyres', 'Rinse and dry by hand'],
     0, 0, 0.5, 1,
     ARRAY['https://example.com/images/services/44-1.jpg', 'https://example.com/images/services/44-2.jpg', 'https://example.com/images/services/44-3.jpg'],
     ARRAY['dirty exterior', 'dust on body', 'mud on body', 'bird droppings']),
    (45, 'Interior Vacuuming & Cleaning',
     'Vacuum and clean the whole cabin, seats, mats and dashboard.',
     10, ARRAY['Vacuum seats, carpets and boot', 'Wash floor mats', 'Wipe dashboard and panels', 'Clean interior glass'],
     0, 0, 1.0, 1,
     ARRAY['https://example.com/images/services/45-1.jpg', 'https://example.com/images/services/45-2.jpg', 'https://example.com/images/services/45-3.jpg'],
     ARRAY['dirty interior', 'dust inside cabin', 'bad odour in cabin', 'stains on seats']),
    (46, 'Engine Bay Cleaning',
     'Safely degrease and clean the engine bay without harming electrical parts.',
     10, ARRAY['Cover sensitive electrical parts', 'Apply engine degreaser', 'Rinse gently and dry', 'Dress plastics and hoses'],
     0, 0, 1.0, 2,
     ARRAY['https://example.com/images/services/46-1.jpg', 'https://example.com/images/services/46-2.jpg', 'https://example.com/images/services/46-3.jpg'],
     ARRAY['oily engine bay', 'dusty engine', 'grime under bonnet', 'engine bay cleaning']),
    (47, 'Full Body Polishing',
     'Machine polish the paint to remove swirl marks and restore a deep shine.',
     10, ARRAY['Wash and clay the paint', 'Machine compound and polish', 'Apply protective wax', 'Buff to a high gloss'],
     0, 3, 4.0, 3,
     ARRAY['https://example.com/images/services/47-1.jpg', 'https://example.com/images/services/47-2.jpg', 'https://example.com/images/services/47-3.jpg'],
     ARRAY['dull paint', 'swirl marks', 'faded shine', 'oxidised paint']),
    (48, 'Complete Detailing Package',
     'Complete inside and outside detailing for a showroom-fresh car.',
     10, ARRAY['Exterior wash and clay treatment', 'Machine polish and wax', 'Deep clean seats and carpets', 'Clean and dress interior trim', 'Clean engine bay', 'Final inspection and finishing'],
     0, 6, 8.0, 3,
     ARRAY['https://example.com/images/services/48-1.jpg', 'https://example.com/images/services/48-2.jpg', 'https://example.com/images/services/48-3.jpg'],
     ARRAY['needs deep cleaning', 'preparing to sell', 'stains and odour', 'dull paint and dirty interior']),
    (49, 'Seat Cover Installation',
     'Fit well-tailored seat covers that protect and refresh the interior.',
     11, ARRAY['Clean the seats', 'Fit the seat covers', 'Secure straps and headrest covers', 'Check airbag seams are clear'],
     0, 3, 1.0, 2,
     ARRAY['https://example.com/images/services/49-1.jpg', 'https://example.com/images/services/49-2.jpg', 'https://example.com/images/services/49-3.jpg'],
     ARRAY['torn seats', 'worn seat fabric', 'new seat covers', 'stained seats']),
    (50, 'Audio System Setup',
     'Install and tune a car audio system with speakers, stereo and Bluetooth.',
     11, ARRAY['Plan speaker and head unit layout', 'Install head unit and wiring harness', 'Fit speakers and amplifier', 'Tune audio settings and test'],
     0, 12, 4.0, 4,
     ARRAY['https://example.com/images/services/50-1.jpg', 'https://example.com/images/services/50-2.jpg', 'https://example.com/images/services/50-3.jpg'],
     ARRAY['no sound from speakers', 'better audio', 'stereo not working', 'no bluetooth audio']),
    (51, 'Reverse Camera Installation',
     'Install a reverse parking camera with display and guide lines.',
     11, ARRAY['Mount the rear camera', 'Route and connect the wiring', 'Connect to the display unit', 'Test image and guide lines'],
     0, 12, 2.5, 3,
     ARRAY['https://example.com/images/services/51-1.jpg', 'https://example.com/images/services/51-2.jpg', 'https://example.com/images/services/51-3.jpg'],
     ARRAY['difficult reversing', 'parking camera', 'blind spot behind', 'parking assistance']),
    (52, 'GPS/Tracking Device Installation',
     'Install a GPS tracking device for live location and anti-theft alerts.',
     11, ARRAY['Choose a concealed mounting point', 'Connect power and ignition wires', 'Activate and configure the device', 'Test live tracking'],
     0, 12, 1.5, 3,
     ARRAY['https://example.com/images/services/52-1.jpg', 'https://example.com/images/services/52-2.jpg', 'https://example.com/images/services/52-3.jpg'],
     ARRAY['vehicle tracking', 'anti theft tracking', 'fleet monitoring', 'track location']),
    (53, 'Security Alarm Installation',
     'Install a security alarm with immobiliser and central locking integration.',
     11, ARRAY['Install the alarm control unit', 'Wire door, bonnet and boot sensors', 'Integrate with central locking', 'Program remotes and test'],
     0, 12, 3.5, 4,
     ARRAY['https://example.com/images/services/53-1.jpg', 'https://example.com/images/services/53-2.jpg', 'https://example.com/images/services/53-3.jpg'],
     ARRAY['theft concern', 'car alarm', 'central locking problem', 'break in attempt']),
    (54, 'High-Voltage Battery Health Check',
     'Check high-voltage battery health, cell balance and usable capacity.',
     12, ARRAY['Connect EV diagnostic tool', 'Read state of health and cell voltages', 'Check battery isolation', 'Report capacity and recommendations'],
     15000, 12, 1.5, 4,
     ARRAY['https://example.com/images/services/54-1.jpg', 'https://example.com/images/services/54-2.jpg', 'https://example.com/images/services/54-3.jpg'],
     ARRAY['reduced ev range', 'ev battery warning', 'slow charging', 'battery degradation']),
    (55, 'Battery Cooling System Service',
     'Service the battery cooling circuit to keep the traction battery at safe temperatures.',
     12, ARRAY['Inspect battery coolant level and lines', 'Drain and replace battery coolant', 'Bleed the cooling circuit', 'Check pump and temperature readings'],
     30000, 24, 2.0, 4,
     ARRAY['https://example.com/images/services/55-1.jpg', 'https://example.com/images/services/55-2.jpg', 'https://example.com/images/services/55-3.jpg'],
     ARRAY['battery overheating', 'reduced power when hot', 'battery cooling fault', 'ev coolant low']),
    (56, 'Inverter & Converter Diagnostics',
     'Diagnose inverter and DC-DC converter faults in hybrid and electric drives.',
     12, ARRAY['Scan power electronics for fault codes', 'Test inverter output', 'Test DC-DC converter and 12V supply', 'Repair or replace faulty module', 'Verify drive and charging'],
     15000, 12, 2.5, 5,
     ARRAY['https://example.com/images/services/56-1.jpg', 'https://example.com/images/services/56-2.jpg', 'https://example.com/images/services/56-3.jpg'],
     ARRAY['ev not moving', 'power loss in ev', '12v battery draining', 'inverter fault warning']),
    (57, 'Electric Motor Inspection & Maintenance',
     'Inspect and maintain the electric drive motor, mounts and reduction gear.',
     12, ARRAY['Check motor for noise and vibration', 'Inspect motor mounts', 'Check reduction gear oil', 'Test motor performance'],
     30000, 18, 2.0, 4,
     ARRAY['https://example.com/images/services/57-1.jpg', 'https://example.com/images/services/57-2.jpg', 'https://example.com/images/services/57-3.jpg'],
     ARRAY['humming noise from motor', 'vibration in ev', 'loss of acceleration', 'motor warning light']),
    (58, 'Charging System & Port Check',
     'Check the charging port, onboard charger and cable for reliable charging.',
     12, ARRAY['Inspect charging port and pins', 'Test onboard charger', 'Check charging cable and connector', 'Run a test charge session'],
     15000, 12, 1.0, 3,
     ARRAY['https://example.com/images/services/58-1.jpg', 'https://example.com/images/services/58-2.jpg', 'https://example.com/images/services/58-3.jpg'],
     ARRAY['ev not charging', 'charging stops', 'charging port damaged', 'charger not detected'])
    ON CONFLICT DO NOTHING
    RETURNING id
), new_fuel_types AS (
    -- fuel ids: 1 Petrol (P), 2 Diesel (D), 3 Electric (E), 4 Hybrid (H), 5 CNG (C)
    INSERT INTO service_fuel_types (service_id, fuel_type_id)
    SELECT f.service_id, unnest(f.fuel_type_ids)
    FROM (VALUES
        (1, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (2, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (3, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (4, ARRAY[1, 2, 4, 5]),  -- PDHC
        (5, ARRAY[1, 2, 4, 5]),  -- PDHC
        (6, ARRAY[1, 2, 4, 5]),  -- PDHC
        (7, ARRAY[1, 2, 4]),  -- PDH
        (8, ARRAY[1, 2, 4, 5]),  -- PDHC
        (9, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (10, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (11, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (12, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (13, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (14, ARRAY[1, 2, 4, 5]),  -- PDHC
        (15, ARRAY[1, 2, 4, 5]),  -- PDHC
        (16, ARRAY[1, 2, 4, 5]),  -- PDHC
        (17, ARRAY[1, 2, 4, 5]),  -- PDHC
        (18, ARRAY[1, 2, 4, 5]),  -- PDHC
        (19, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (20, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (21, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (22, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (23, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (24, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (25, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (26, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (27, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (28, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (29, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (30, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (31, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (32, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (33, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (34, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (35, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (36, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (37, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (38, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (39, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (40, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (41, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (42, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (43, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (44, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (45, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (46, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (47, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (48, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (49, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (50, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (51, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (52, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (53, ARRAY[1, 2, 3, 4, 5]),  -- PDEHC
        (54, ARRAY[3, 4]),  -- EH
        (55, ARRAY[3, 4]),  -- EH
        (56, ARRAY[3, 4]),  -- EH
        (57, ARRAY[3, 4]),  -- EH
        (58, ARRAY[3, 4])  -- EH
    ) AS f (service_id, fuel_type_ids)
    JOIN new_services ns ON ns.id = f.service_id
    ON CONFLICT DO NOTHING
    RETURNING 1
)
-- price_chart: one row per service, prices (rupees) for car classes 1..21 in order
INSERT INTO price_chart (service_id, car_class_id, price)
SELECT r.service_id, p.car_class_id::integer, p.price
FROM (VALUES
    ( 1, ARRAY[1500,2000,2800,1800,2300,3200,2200,2800,4000,2000,2600,3800,3000,4200,3200,4500,2100,2700,3900,2300,3000]),
    ( 2, ARRAY[2500,3200,4500,2800,3600,5000,3500,4500,6500,3200,4200,6000,4800,6800,5000,7200,3400,4400,6300,3700,4800]),
    ( 3, ARRAY[4000,5200,7200,4500,5800,8000,5500,7200,10500,5000,6800,9800,7800,11000,8200,11800,5300,7000,10200,5800,7800]),
    ( 4, ARRAY[800,1000,1400,900,1200,1600,1100,1400,2000,1000,1300,1900,1500,2100,1600,2300,1050,1350,1950,1150,1500]),
    ( 5, ARRAY[2000,2500,3500,2300,2800,3900,2800,3500,5000,2500,3200,4600,3700,5200,3900,5600,2700,3400,4900,2900,3800]),
    ( 6, ARRAY[3000,3800,5300,3400,4300,6000,4200,5300,7600,3800,4900,7000,5600,7900,5900,8500,4000,5200,7400,4400,5700]),
    ( 7, ARRAY[8000,10000,14000,9000,11500,16000,11000,14000,20000,10000,13000,18500,15000,21000,16000,23000,10500,13500,19500,11500,15000]),
    ( 8, ARRAY[2500,3200,4400,2800,3600,5000,3500,4500,6400,3200,4100,5900,4700,6700,5000,7200,3400,4400,6200,3700,4800]),
    ( 9, ARRAY[2500,3200,4500,2800,3600,5000,3500,4500,6500,3200,4200,6000,4800,6800,5000,7200,3400,4400,6300,3700,4800]),
    (10, ARRAY[3500,4500,6300,4000,5100,7100,5000,6400,9100,4500,5800,8400,6800,9600,7100,10200,4800,6200,8900,5200,6800]),
    (11, ARRAY[1200,1500,2100,1400,1700,2400,1700,2100,3000,1500,2000,2800,2200,3100,2400,3400,1600,2050,2900,1800,2300]),
    (12, ARRAY[4000,5000,7000,4500,5800,8000,5500,7000,10000,5000,6500,9300,7500,10500,8000,11500,5300,6800,9700,5800,7500]),
    (13, ARRAY[8000,10000,14000,9000,11500,16000,11000,14000,20000,10000,13000,18500,15000,21000,16000,23000,10500,13500,19500,11500,15000]),
    (14, ARRAY[10000,12500,17500,11000,14000,19500,13500,17000,24500,12000,15500,22500,18000,25500,19500,28000,12800,16500,23800,14000,18000]),
    (15, ARRAY[2000,2500,3500,2300,2900,4000,2800,3500,5000,2500,3200,4600,3700,5200,3900,5600,2700,3400,4900,2900,3800]),
    (16, ARRAY[20000,25000,35000,22000,28000,39000,27000,34000,49000,24000,31000,45000,36000,51000,39000,56000,25600,33000,47600,28000,36000]),
    (17, ARRAY[12000,15000,21000,13500,17000,24000,16500,21000,30000,15000,19500,28000,22500,31500,24000,34500,15800,20500,29300,17000,22000]),
    (18, ARRAY[2500,3200,4400,2800,3600,5000,3500,4500,6400,3200,4100,5900,4700,6700,5000,7200,3400,4400,6200,3700,4800]),
    (19, ARRAY[4000,5000,7000,4500,5800,8000,5500,7000,10000,5000,6500,9300,7500,10500,8000,11500,5300,6800,9700,5800,7500]),
    (20, ARRAY[800,1000,1400,900,1200,1600,1100,1400,2000,1000,1300,1900,1500,2100,1600,2300,1050,1350,1950,1150,1500]),
    (21, ARRAY[8000,10000,14000,9000,11500,16000,11000,14000,20000,10000,13000,18500,15000,21000,16000,23000,10500,13500,19500,11500,15000]),
    (22, ARRAY[5000,6500,9000,5500,7200,10000,7000,9000,13000,6500,8500,12000,9500,13500,10000,14500,6800,8800,12500,7500,9500]),
    (23, ARRAY[500,600,850,550,700,950,650,850,1200,600,800,1100,900,1250,950,1350,620,820,1150,680,900]),
    (24, ARRAY[3000,3800,5300,3400,4300,6000,4200,5300,7600,3800,4900,7000,5600,7900,5900,8500,4000,5200,7400,4400,5700]),
    (25, ARRAY[5000,6500,9000,5500,7200,10000,7000,9000,13000,6500,8500,12000,9500,13500,10000,14500,6800,8800,12500,7500,9500]),
    (26, ARRAY[1500,1900,2700,1700,2200,3000,2100,2700,3800,1900,2500,3500,2800,4000,3000,4300,2000,2600,3700,2200,2900]),
    (27, ARRAY[2500,3200,4500,2800,3600,5000,3500,4500,6500,3200,4200,6000,4800,6800,5000,7200,3400,4400,6300,3700,4800]),
    (28, ARRAY[2000,2600,3600,2300,2900,4100,2800,3600,5200,2600,3400,4800,3800,5400,4000,5800,2700,3500,5000,3000,3800]),
    (29, ARRAY[1500,1900,2700,1700,2200,3000,2100,2700,3800,1900,2500,3500,2800,4000,3000,4300,2000,2600,3700,2200,2900]),
    (30, ARRAY[8000,10000,14000,9000,11500,16000,11000,14000,20000,10000,13000,18500,15000,21000,16000,23000,10500,13500,19500,11500,15000]),
    (31, ARRAY[500,650,900,600,750,1050,750,950,1350,700,900,1300,1000,1400,1050,1500,720,920,1320,800,1000]),
    (32, ARRAY[4000,5000,7000,4500,5800,8000,5500,7000,10000,5000,6500,9300,7500,10500,8000,11500,5300,6800,9700,5800,7500]),
    (33, ARRAY[2500,3200,4500,2800,3600,5000,3500,4500,6500,3200,4200,6000,4800,6800,5000,7200,3400,4400,6300,3700,4800]),
    (34, ARRAY[800,1000,1400,900,1200,1600,1100,1400,2000,1000,1300,1900,1500,2100,1600,2300,1050,1350,1950,1150,1500]),
    (35, ARRAY[600,750,1050,700,900,1250,850,1100,1550,800,1000,1450,1150,1600,1250,1750,820,1050,1500,900,1150]),
    (36, ARRAY[500,650,900,600,750,1050,750,950,1350,700,900,1300,1000,1400,1050,1500,720,920,1320,800,1000]),
    (37, ARRAY[3000,4000,5500,3500,4500,6200,4500,5800,8200,4000,5200,7500,6000,8500,6500,9200,4300,5600,8000,5000,6500]),
    (38, ARRAY[400,500,700,450,600,800,550,700,1000,500,650,950,750,1050,800,1150,520,680,980,580,750]),
    (39, ARRAY[2000,2500,3500,2300,2900,4000,2800,3500,5000,2500,3200,4600,3700,5200,3900,5600,2700,3400,4900,2900,3800]),
    (40, ARRAY[1500,1900,2700,1700,2200,3000,2100,2700,3800,1900,2500,3500,2800,4000,3000,4300,2000,2600,3700,2200,2900]),
    (41, ARRAY[30000,38000,53000,34000,43000,60000,42000,53000,76000,38000,49000,70000,56000,79000,59000,85000,40000,52000,74000,44000,57000]),
    (42, ARRAY[3500,4500,6300,4000,5100,7100,5000,6400,9100,4500,5800,8400,6800,9600,7100,10200,4800,6200,8900,5200,6800]),
    (43, ARRAY[4000,5000,7000,4500,5800,8000,5500,7000,10000,5000,6500,9300,7500,10500,8000,11500,5300,6800,9700,5800,7500]),
    (44, ARRAY[300,400,550,350,450,620,450,580,820,400,520,750,600,850,650,920,420,540,780,480,620]),
    (45, ARRAY[500,650,900,600,750,1050,750,950,1350,700,900,1300,1000,1400,1050,1500,720,920,1320,800,1000]),
    (46, ARRAY[800,1000,1400,900,1200,1600,1100,1400,2000,1000,1300,1900,1500,2100,1600,2300,1050,1350,1950,1150,1500]),
    (47, ARRAY[3000,3800,5300,3400,4300,6000,4200,5300,7600,3800,4900,7000,5600,7900,5900,8500,4000,5200,7400,4400,5700]),
    (48, ARRAY[6000,7600,10600,6800,8600,12000,8400,10600,15200,7600,9800,14000,11200,15800,11800,17000,8000,10400,14800,8800,11400]),
    (49, ARRAY[1500,1900,2700,1700,2200,3000,2100,2700,3800,1900,2500,3500,2800,4000,3000,4300,2000,2600,3700,2200,2900]),
    (50, ARRAY[5000,6500,9000,5500,7200,10000,7000,9000,13000,6500,8500,12000,9500,13500,10000,14500,6800,8800,12500,7500,9500]),
    (51, ARRAY[3000,3800,5300,3400,4300,6000,4200,5300,7600,3800,4900,7000,5600,7900,5900,8500,4000,5200,7400,4400,5700]),
    (52, ARRAY[4000,5000,7000,4500,5800,8000,5500,7000,10000,5000,6500,9300,7500,10500,8000,11500,5300,6800,9700,5800,7500]),
    (53, ARRAY[6000,7500,10500,6500,8500,11800,8000,10500,15000,7500,9800,14000,11000,15500,11800,17000,7800,10200,14500,8500,11000]),
    (54, ARRAY[3500,4500,6300,4000,5100,7100,5000,6400,9100,4500,5800,8400,6800,9600,7100,10200,4800,6200,8900,5200,6800]),
    (55, ARRAY[4500,5800,8100,5000,6500,9000,6200,8000,11500,5800,7500,10800,8500,12000,9000,13000,6000,7800,11200,6500,8500]),
    (56, ARRAY[5500,7000,9800,6200,8000,11100,7600,9800,14000,7000,9100,13000,10500,14800,11100,16000,7400,9600,13700,8100,10500]),
    (57, ARRAY[4000,5000,7000,4500,5800,8000,5500,7000,10000,5000,6500,9300,7500,10500,8000,11500,5300,6800,9700,5800,7500]),
    (58, ARRAY[2500,3200,4500,2800,3600,5000,3500,4500,6500,3200,4200,6000,4800,6800,5000,7200,3400,4400,6300,3700,4800])
) AS r (service_id, prices)
CROSS JOIN LATERAL unnest(r.prices::numeric(12,2)[]) WITH ORDINALITY AS p (price, car_class_id)
JOIN new_services ns ON ns.id = r.service_id
ON CONFLICT DO NOTHING;

-- Advance each serial sequence past the seeded ids (never backwards), so that rows created
-- later through the API get fresh ids.
DO $$
DECLARE
    tbl     text;
    seq     text;
    max_id  bigint;
    last_v  bigint;
    called  boolean;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['permissions', 'status', 'assignment_types', 'timeslots', 'areas',
                               'fuel_types', 'manufacturers', 'car_classes', 'cars',
                               'service_categories', 'services'] LOOP
        seq := pg_get_serial_sequence(tbl, 'id');
        EXECUTE format('SELECT max(id) FROM %I', tbl) INTO max_id;
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

-- The scope matrix must match §3.2 (the server checks it against protocol/ at start-up).
DO $$
DECLARE
    n_perm bigint;
    n_a bigint; n_m bigint; n_c bigint;
BEGIN
    SELECT count(*) INTO n_perm FROM permissions;
    SELECT count(*) FILTER (WHERE role_id = 1), count(*) FILTER (WHERE role_id = 2),
           count(*) FILTER (WHERE role_id = 3)
      INTO n_a, n_m, n_c FROM role_permissions;
    IF n_perm <> 115 OR n_a <> 115 OR n_m <> 35 OR n_c <> 50 THEN
        RAISE EXCEPTION 'scope matrix mismatch: % permissions, role links A=% M=% C=% (want 115, 115/35/50)',
            n_perm, n_a, n_m, n_c;
    END IF;
END
$$;
