-- 0010_widget_grid.sql — a dashboard is a grid (issue 15, item 3): each
-- widget has a place on a 12-column grid, stored per widget.
--   grid_x, grid_y  its top-left cell (column 0..11, row from 0); laid out
--                   below from the old order; NULL is tolerated (the page
--                   places such a widget in order, store_grid_settle);
--   grid_w, grid_h  its width in columns (1..12) and height in rows (1..24).
-- The width starts from the old size (small 4, medium 6, large 8, full 12)
-- and the height from the kind. `position` stays the reading order (by row,
-- then column), which a phone shows as one column.
ALTER TABLE widgets ADD COLUMN grid_x smallint CHECK (grid_x BETWEEN 0 AND 11),
                    ADD COLUMN grid_y smallint CHECK (grid_y BETWEEN 0 AND 999),
                    ADD COLUMN grid_w smallint NOT NULL DEFAULT 6 CHECK (grid_w BETWEEN 1 AND 12),
                    ADD COLUMN grid_h smallint NOT NULL DEFAULT 6 CHECK (grid_h BETWEEN 1 AND 24);
UPDATE widgets SET grid_w = CASE size WHEN 'small' THEN 4 WHEN 'large' THEN 8 WHEN 'full' THEN 12 ELSE 6 END,
                   grid_h = CASE kind WHEN 'kpi' THEN 3 WHEN 'text' THEN 4 ELSE 6 END;
-- Lay out the existing widgets as the page showed them (and as a new one is
-- placed, store_widget_lay_out): in their order,
-- each in the first free cell at or after the row of the one before.
DO $$
DECLARE
    dash uuid;
    wr record;
    occ boolean[];
    cy int;
    y int;
    fits boolean;
BEGIN
    FOR dash IN SELECT DISTINCT dashboard_id FROM widgets LOOP
        occ := '{}';
        cy := 0;
        FOR wr IN SELECT id, grid_w, grid_h FROM widgets WHERE dashboard_id = dash
                  ORDER BY position, created_at LOOP
            y := cy;
            <<search>>
            LOOP
                FOR x IN 0 .. 12 - wr.grid_w LOOP
                    fits := true;
                    FOR i IN 0 .. wr.grid_w - 1 LOOP
                        FOR j IN 0 .. wr.grid_h - 1 LOOP
                            IF coalesce(occ[(y + j) * 12 + x + i + 1], false) THEN
                                fits := false;
                            END IF;
                        END LOOP;
                    END LOOP;
                    IF fits THEN
                        FOR i IN 0 .. wr.grid_w - 1 LOOP
                            FOR j IN 0 .. wr.grid_h - 1 LOOP
                                occ[(y + j) * 12 + x + i + 1] := true;
                            END LOOP;
                        END LOOP;
                        UPDATE widgets SET grid_x = x, grid_y = y WHERE id = wr.id;
                        cy := y;
                        EXIT search;
                    END IF;
                END LOOP;
                y := y + 1;
            END LOOP;
        END LOOP;
    END LOOP;
END $$;
