-- 0005_widget_fragments.sql — a widget's chart is rendered when its result
-- is written, not on every view (issue 19): the stored fragment, the render
-- key it was drawn under (renderer version + kind + size + chart config +
-- result fingerprint, chart_widget_key) and the result's fingerprint.
--   result_hash    the result's fingerprint: md5 of [columns, rows] (what a
--                  chart draws from; not the run's time or cache flag), set
--                  whenever last_result is;
--   render_key     the key of fragment_html / fragment_svg; a view whose
--                  computed key differs draws again and stores the new one;
--   fragment_html  what the card shows (the chart at three widths, or the
--                  reason it cannot be drawn);
--   fragment_svg   the chart alone, for the .svg route (its ETag is
--                  render_key); NULL when it cannot be drawn.
ALTER TABLE widgets ADD COLUMN result_hash text,
                    ADD COLUMN render_key text,
                    ADD COLUMN fragment_html text,
                    ADD COLUMN fragment_svg text;
UPDATE widgets SET result_hash = md5(jsonb_build_array(last_result -> 'columns', last_result -> 'rows')::text)
    WHERE last_result IS NOT NULL;
