-- Open figures (/so-lieu): the data elements and indicators the office marks public get a page on the department's
-- public portal. `public_level` is the deepest level of the organisation the page may show: 1 the province totals
-- only, 2 also the table of units one level down (districts, later communes, enterprises). Nothing below it is shown.
ALTER TABLE data_elements ADD COLUMN public boolean NOT NULL DEFAULT false;
ALTER TABLE data_elements ADD COLUMN public_level integer NOT NULL DEFAULT 1 CHECK (public_level BETWEEN 1 AND 2);
ALTER TABLE indicators ADD COLUMN public boolean NOT NULL DEFAULT false;
ALTER TABLE indicators ADD COLUMN public_level integer NOT NULL DEFAULT 1 CHECK (public_level BETWEEN 1 AND 2);
