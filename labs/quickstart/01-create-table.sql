CREATE SCHEMA inventory;

CREATE TABLE inventory.products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  weight double precision NOT NULL
);

INSERT INTO inventory.products (name, weight) VALUES
  ('scooter', 3.14),
  ('car battery', 8.1),
  ('12-pack drill bits', 0.8),
  ('hammer', 0.75);
