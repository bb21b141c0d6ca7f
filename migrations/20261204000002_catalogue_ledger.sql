-- The point catalogue with versioned rules, and the ledger's growth into
-- reversals, holds and reviews.

create table point_items (
    town_id     bigint not null references towns (id),
    id          bigint generated always as identity,
    code        text not null,
    core_value  text not null,
    name        text not null,
    category    text not null check (category in ('civic_practice', 'environment', 'online', 'volunteer')),
    position    integer not null default 0,
    primary key (town_id, id),
    unique (town_id, code)
);

-- Editing a rule adds a version; awards record the version they used, so
-- past awards never change.
create table point_rules (
    town_id     bigint not null,
    id          bigint generated always as identity,
    item_id     bigint not null,
    version     integer not null check (version >= 1),
    points      integer not null check (points between 1 and 1000),
    daily_cap   integer check (daily_cap > 0),
    yearly_cap  integer check (yearly_cap > 0),
    created_by  bigint,
    created_at  timestamptz not null default now(),
    primary key (town_id, id),
    unique (town_id, item_id, version),
    foreign key (town_id, item_id) references point_items (town_id, id),
    foreign key (town_id, created_by) references users (town_id, id)
);

alter table campaigns add column item_id bigint;
alter table campaigns add foreign key (town_id, item_id) references point_items (town_id, id);

alter table transfers add column item_id bigint;
alter table transfers add column rule_id bigint;
alter table transfers add column category text
    check (category in ('civic_practice', 'environment', 'online', 'volunteer'));
alter table transfers add column reverses_id bigint;
alter table transfers add foreign key (town_id, item_id) references point_items (town_id, id);
alter table transfers add foreign key (town_id, rule_id) references point_rules (town_id, id);
alter table transfers add foreign key (town_id, reverses_id) references transfers (town_id, id);
-- A transfer is reversed at most once.
create unique index transfers_one_reversal on transfers (town_id, reverses_id) where reverses_id is not null;
-- Cap checks: what one wallet received for one item.
create index transfers_item_caps on transfers (town_id, to_account, item_id, created_at) where item_id is not null;

-- Points reserved for a claim: held, then captured (spent) or released
-- (returned), each exactly once.
create table holds (
    town_id     bigint not null,
    id          bigint generated always as identity,
    user_id     bigint not null,
    account_id  bigint not null,
    amount      bigint not null check (amount > 0),
    state       text not null default 'held' check (state in ('held', 'captured', 'released')),
    cause       text not null,
    created_at  timestamptz not null default now(),
    settled_at  timestamptz,
    primary key (town_id, id),
    unique (town_id, account_id),
    unique (town_id, cause),
    foreign key (town_id, user_id) references users (town_id, id),
    foreign key (town_id, account_id) references accounts (town_id, id),
    check ((state = 'held') = (settled_at is null))
);

-- "Why did my points change?": a depositor's question about one transfer,
-- answered by staff, possibly with a correcting reversal.
create table entry_reviews (
    town_id        bigint not null,
    id             bigint generated always as identity,
    transfer_id    bigint not null,
    user_id        bigint not null,
    question       text not null check (length(question) between 1 and 500),
    state          text not null default 'open' check (state in ('open', 'answered')),
    answer         text,
    answered_by    bigint,
    correction_id  bigint,
    created_at     timestamptz not null default now(),
    answered_at    timestamptz,
    primary key (town_id, id),
    foreign key (town_id, transfer_id) references transfers (town_id, id),
    foreign key (town_id, user_id) references users (town_id, id),
    foreign key (town_id, answered_by) references users (town_id, id),
    foreign key (town_id, correction_id) references transfers (town_id, id),
    check ((state = 'answered') = (answer is not null))
);
create index entry_reviews_open on entry_reviews (town_id, state, id);
