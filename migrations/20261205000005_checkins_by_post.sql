-- Feed pages show whether a check-in post was found not genuine: look the
-- check-in up by its post.
create index checkins_by_post on checkins (town_id, post_id);
