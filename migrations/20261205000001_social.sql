-- The 文明圈 grows up: thumbnails, official department posts, likes,
-- comments, reports and moderation (hide, never delete), topic exhibitions,
-- in-app notifications, and staff marking a check-in as not genuine.

-- A small copy of each photo for lists and grids; older rows fall back to
-- the full picture.
alter table media add column thumb_path text;
alter table media add column thumb_width integer;
alter table media add column thumb_height integer;

-- A post by a department's official account names the department; its
-- author is the staff member who wrote it.
alter table posts add column department_id bigint;
alter table posts add foreign key (town_id, department_id) references departments (town_id, id);
alter table posts add column hidden_at timestamptz;
alter table posts add column hidden_reason text;
alter table posts add column hidden_by bigint;
alter table posts add foreign key (town_id, hidden_by) references users (town_id, id);
alter table posts add check ((hidden_at is null) = (hidden_reason is null));
create index posts_topic on posts (town_id, topic, id desc) where topic is not null;

create table post_likes (
    town_id     bigint not null,
    post_id     bigint not null,
    user_id     bigint not null,
    created_at  timestamptz not null default now(),
    primary key (town_id, post_id, user_id),
    foreign key (town_id, post_id) references posts (town_id, id),
    foreign key (town_id, user_id) references users (town_id, id)
);

create table comments (
    town_id        bigint not null,
    id             bigint generated always as identity,
    post_id        bigint not null,
    author_id      bigint not null,
    department_id  bigint,
    body           text not null check (length(body) between 1 and 300),
    created_at     timestamptz not null default now(),
    hidden_at      timestamptz,
    hidden_reason  text,
    hidden_by      bigint,
    primary key (town_id, id),
    foreign key (town_id, post_id) references posts (town_id, id),
    foreign key (town_id, author_id) references users (town_id, id),
    foreign key (town_id, department_id) references departments (town_id, id),
    foreign key (town_id, hidden_by) references users (town_id, id),
    check ((hidden_at is null) = (hidden_reason is null))
);
create index comments_of_post on comments (town_id, post_id, id);

-- Anyone may report a post or one of its comments; staff resolve a report
-- by hiding the content (upheld) or leaving it (dismissed).
create table reports (
    town_id      bigint not null,
    id           bigint generated always as identity,
    post_id      bigint not null,
    comment_id   bigint,
    reporter_id  bigint not null,
    reason       text not null check (length(reason) between 1 and 200),
    state        text not null default 'open' check (state in ('open', 'upheld', 'dismissed')),
    resolved_by  bigint,
    resolution   text,
    created_at   timestamptz not null default now(),
    resolved_at  timestamptz,
    primary key (town_id, id),
    foreign key (town_id, post_id) references posts (town_id, id),
    foreign key (town_id, comment_id) references comments (town_id, id),
    foreign key (town_id, reporter_id) references users (town_id, id),
    foreign key (town_id, resolved_by) references users (town_id, id),
    check ((state = 'open') = (resolved_at is null))
);
-- One open report per person and piece of content.
create unique index reports_one_open on reports (town_id, reporter_id, post_id, coalesce(comment_id, 0))
    where state = 'open';
create index reports_queue on reports (town_id, state, id);

-- Every hide and restore, with who and why.
create table moderation_log (
    town_id     bigint not null,
    id          bigint generated always as identity,
    post_id     bigint not null,
    comment_id  bigint,
    action      text not null check (action in ('hide', 'restore')),
    reason      text not null check (length(reason) between 1 and 200),
    acted_by    bigint not null,
    created_at  timestamptz not null default now(),
    primary key (town_id, id),
    foreign key (town_id, post_id) references posts (town_id, id),
    foreign key (town_id, comment_id) references comments (town_id, id),
    foreign key (town_id, acted_by) references users (town_id, id)
);

-- An online exhibition (线上展): a topic turned into a curated gallery.
create table exhibitions (
    town_id     bigint not null references towns (id),
    id          bigint generated always as identity,
    topic       text not null,
    title       text not null check (length(title) between 1 and 40),
    intro       text not null default '' check (length(intro) <= 500),
    created_by  bigint not null,
    created_at  timestamptz not null default now(),
    primary key (town_id, id),
    unique (town_id, topic),
    foreign key (town_id, created_by) references users (town_id, id)
);

create table exhibition_posts (
    town_id        bigint not null,
    exhibition_id  bigint not null,
    post_id        bigint not null,
    position       integer not null,
    primary key (town_id, exhibition_id, post_id),
    foreign key (town_id, exhibition_id) references exhibitions (town_id, id),
    foreign key (town_id, post_id) references posts (town_id, id)
);

-- Notifications that are not ledger entries (replies, moderation, a
-- check-in found not genuine). Points received or reversed are read from
-- the ledger itself, so an award writes nothing extra.
create table notifications (
    town_id     bigint not null,
    id          bigint generated always as identity,
    user_id     bigint not null,
    kind        text not null check (kind in ('reply', 'report_resolved', 'post_hidden', 'post_restored',
                                             'comment_hidden', 'comment_restored', 'checkin_rejected')),
    actor       text not null default '',
    detail      text not null default '',
    link        text not null default '',
    created_at  timestamptz not null default now(),
    primary key (town_id, id),
    foreign key (town_id, user_id) references users (town_id, id)
);
create index notifications_inbox on notifications (town_id, user_id, id desc);

-- How far each person has read: the last ledger entry and notification seen.
create table inbox_marks (
    town_id                bigint not null,
    user_id                bigint not null,
    seen_transfer_id       bigint not null default 0,
    seen_notification_id   bigint not null default 0,
    primary key (town_id, user_id),
    foreign key (town_id, user_id) references users (town_id, id)
);

-- Staff may mark a check-in as not genuine: it stops counting for streaks
-- and its points are reversed through the ledger.
alter table checkins add column rejected_at timestamptz;
alter table checkins add column rejected_reason text;
alter table checkins add column rejected_by bigint;
alter table checkins add column reversal_id bigint;
alter table checkins add foreign key (town_id, rejected_by) references users (town_id, id);
alter table checkins add foreign key (town_id, reversal_id) references transfers (town_id, id);
alter table checkins add check ((rejected_at is null) = (rejected_reason is null));
create index checkins_by_user on checkins (town_id, campaign_id, user_id, local_day);
create index checkins_recent on checkins (town_id, campaign_id, id desc);
