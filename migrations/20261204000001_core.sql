-- Core schema: towns, their villages and departments, people, the points
-- ledger, media, posts and check-in campaigns.
--
-- Every domain table carries town_id and every key and unique constraint
-- includes it, so a deployment can serve a whole district and the tables can
-- later be distributed by town (Citus-style) without a rewrite.

create table towns (
    id          bigint generated always as identity primary key,
    slug        text not null unique,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table villages (
    town_id     bigint not null references towns (id),
    id          bigint generated always as identity,
    name        text not null,
    primary key (town_id, id),
    unique (town_id, name)
);

create table departments (
    town_id     bigint not null references towns (id),
    id          bigint generated always as identity,
    name        text not null,
    primary key (town_id, id),
    unique (town_id, name)
);

create table users (
    town_id        bigint not null references towns (id),
    id             bigint generated always as identity,
    phone          text not null check (phone ~ '^1[3-9][0-9]{9}$'),
    display_name   text not null check (length(display_name) between 1 and 20),
    role           text not null check (role in ('depositor', 'branch_staff', 'department_staff', 'hq_admin')),
    village_id     bigint,
    department_id  bigint,
    password_hash  text not null,
    created_at     timestamptz not null default now(),
    primary key (town_id, id),
    unique (town_id, phone),
    foreign key (town_id, village_id) references villages (town_id, id),
    foreign key (town_id, department_id) references departments (town_id, id),
    check (role <> 'branch_staff' or village_id is not null),
    check (role <> 'depositor' or village_id is not null),
    check (role <> 'department_staff' or department_id is not null)
);

-- Ledger accounts. A depositor's balance can never be negative; the
-- town's issuing account is where points come from and goes negative.
create table accounts (
    town_id     bigint not null references towns (id),
    id          bigint generated always as identity,
    kind        text not null check (kind in ('issuer', 'depositor', 'hold')),
    user_id     bigint,
    balance     bigint not null default 0,
    created_at  timestamptz not null default now(),
    primary key (town_id, id),
    foreign key (town_id, user_id) references users (town_id, id),
    check (kind = 'issuer' or balance >= 0),
    check ((kind = 'depositor') = (user_id is not null))
);
create unique index accounts_one_issuer on accounts (town_id) where kind = 'issuer';
create unique index accounts_one_wallet on accounts (town_id, user_id) where kind = 'depositor';

-- Append-only transfers: each is a pair of entries (debit from_account,
-- credit to_account). The idempotency key, derived from the cause, makes a
-- replayed award move nothing.
-- transfers.town_id, from_account and created_by carry no foreign keys on
-- purpose: every award would otherwise take a share lock on the same town,
-- issuer and staff rows; those rows are never deleted (triggers in the next
-- migration).
create table transfers (
    town_id          bigint not null,
    id               bigint generated always as identity,
    idempotency_key  text not null,
    from_account     bigint not null,
    to_account       bigint not null,
    amount           bigint not null check (amount > 0),
    cause_kind       text not null,
    cause_id         bigint,
    memo             text not null default '',
    created_by       bigint,
    created_at       timestamptz not null default now(),
    primary key (town_id, id),
    unique (town_id, idempotency_key),
    -- from_account has no foreign key: for awards it is the town's issuing
    -- account, and a key share lock on that one row by every award would
    -- serialise them. The posting code reads both accounts before writing,
    -- and accounts are never deleted (trigger in the next migration).
    foreign key (town_id, to_account) references accounts (town_id, id),
    check (from_account <> to_account)
);
create index transfers_to on transfers (town_id, to_account, id desc);
create index transfers_from on transfers (town_id, from_account, id desc);

create function refuse_ledger_rewrite() returns trigger language plpgsql as $$
begin
    raise exception 'transfers are append-only: undo a transfer with a reversing transfer'
        using errcode = 'restrict_violation';
end $$;
create trigger transfers_append_only before update or delete on transfers
    for each statement execute function refuse_ledger_rewrite();

create table media (
    town_id     bigint not null references towns (id),
    id          uuid not null,
    owner_id    bigint not null,
    path        text not null,
    width       integer not null,
    height      integer not null,
    bytes       integer not null,
    created_at  timestamptz not null default now(),
    primary key (town_id, id),
    foreign key (town_id, owner_id) references users (town_id, id)
);

create table campaigns (
    town_id             bigint not null references towns (id),
    id                  bigint generated always as identity,
    name                text not null,
    topic               text not null default '',
    village_id          bigint,
    starts_on           date not null,
    ends_on             date not null,
    points_per_checkin  integer not null check (points_per_checkin between 1 and 100),
    created_by          bigint not null,
    created_at          timestamptz not null default now(),
    primary key (town_id, id),
    foreign key (town_id, village_id) references villages (town_id, id),
    foreign key (town_id, created_by) references users (town_id, id),
    check (ends_on >= starts_on)
);

create table posts (
    town_id      bigint not null references towns (id),
    id           bigint generated always as identity,
    author_id    bigint not null,
    body         text not null check (length(body) between 1 and 2000),
    topic        text,
    campaign_id  bigint,
    created_at   timestamptz not null default now(),
    primary key (town_id, id),
    foreign key (town_id, author_id) references users (town_id, id),
    foreign key (town_id, campaign_id) references campaigns (town_id, id)
);
create index posts_feed on posts (town_id, id desc);
create index posts_author on posts (town_id, author_id, id desc);

create table post_photos (
    town_id   bigint not null,
    post_id   bigint not null,
    position  smallint not null check (position between 0 and 8),
    media_id  uuid not null,
    primary key (town_id, post_id, position),
    foreign key (town_id, post_id) references posts (town_id, id),
    foreign key (town_id, media_id) references media (town_id, id)
);

-- Every check-in is kept as a post; at most one per depositor, campaign and
-- town day (Asia/Shanghai) earns points, enforced by the partial index.
create table checkins (
    town_id      bigint not null,
    id           bigint generated always as identity,
    campaign_id  bigint not null,
    user_id      bigint not null,
    post_id      bigint not null,
    local_day    date not null,
    awarded      boolean not null,
    transfer_id  bigint,
    created_at   timestamptz not null default now(),
    primary key (town_id, id),
    foreign key (town_id, campaign_id) references campaigns (town_id, id),
    foreign key (town_id, user_id) references users (town_id, id),
    foreign key (town_id, post_id) references posts (town_id, id),
    foreign key (town_id, transfer_id) references transfers (town_id, id),
    check (awarded = (transfer_id is not null))
);
create unique index checkins_one_award_per_day
    on checkins (town_id, campaign_id, user_id, local_day) where awarded;
create index checkins_by_campaign_day on checkins (town_id, campaign_id, local_day);
