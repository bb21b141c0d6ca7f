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
-- item_id and rule_id are checked by the award function, not by foreign keys
-- (a key share lock on the same catalogue row by every award would
-- serialise them); catalogue rows are never deleted.
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

-- Rows the ledger points at are never deleted.
create function refuse_delete() returns trigger language plpgsql as $$
begin
    raise exception '% rows are never deleted: the ledger refers to them', tg_table_name
        using errcode = 'restrict_violation';
end $$;
create trigger towns_keep before delete on towns for each statement execute function refuse_delete();
create trigger users_keep before delete on users for each statement execute function refuse_delete();
create trigger accounts_keep before delete on accounts for each statement execute function refuse_delete();
create trigger point_items_keep before delete on point_items for each statement execute function refuse_delete();
create trigger point_rules_keep before delete on point_rules for each statement execute function refuse_delete();

-- One catalogue award in one round trip: lock the household's wallet, refuse
-- a replayed key, another village, or a cap, then post the transfer and move
-- the balance. The cap rule is the one of `domain::catalogue::check_caps`.
create function ledger_award(
    p_town bigint, p_user bigint, p_item bigint, p_key text, p_memo text, p_by bigint,
    p_at timestamptz, p_day_start timestamptz, p_year_start timestamptz, p_village bigint
) returns table (outcome text, transfer_id bigint, points bigint)
language plpgsql as $$
declare
    v_wallet bigint;
    v_village bigint;
    v_id bigint;
    v_rule_id bigint;
    v_points integer;
    v_daily integer;
    v_yearly integer;
    v_category text;
    v_today bigint;
    v_year bigint;
begin
    select a.id, u.village_id into v_wallet, v_village
      from users u join accounts a on a.town_id = u.town_id and a.user_id = u.id and a.kind = 'depositor'
     where u.town_id = p_town and u.id = p_user and u.role = 'depositor'
       for update of a;
    if not found then
        return query select 'not_found', null::bigint, 0::bigint; return;
    end if;
    if p_village is not null and v_village is distinct from p_village then
        return query select 'not_your_village', null::bigint, 0::bigint; return;
    end if;
    select t.id into v_id from transfers t where t.town_id = p_town and t.idempotency_key = p_key;
    if found then
        return query select 'replayed', v_id, 0::bigint; return;
    end if;
    select r.id, r.points, r.daily_cap, r.yearly_cap, i.category
      into v_rule_id, v_points, v_daily, v_yearly, v_category
      from point_items i
      join lateral (select * from point_rules r where r.town_id = i.town_id and r.item_id = i.id
                     order by r.version desc limit 1) r on true
     where i.town_id = p_town and i.id = p_item;
    if not found then
        return query select 'item_unknown', null::bigint, 0::bigint; return;
    end if;
    select coalesce(sum(s) filter (where at >= p_day_start), 0), coalesce(sum(s), 0) into v_today, v_year
      from (select t.amount as s, t.created_at as at from transfers t
             where t.town_id = p_town and t.to_account = v_wallet and t.item_id = p_item and t.created_at >= p_year_start
            union all
            select -t.amount, t.created_at from transfers t
             where t.town_id = p_town and t.from_account = v_wallet and t.item_id = p_item
               and t.reverses_id is not null and t.created_at >= p_year_start) moved;
    if v_daily is not null and v_today + v_points > v_daily then
        return query select 'daily_cap', null::bigint, 0::bigint; return;
    end if;
    if v_yearly is not null and v_year + v_points > v_yearly then
        return query select 'yearly_cap', null::bigint, 0::bigint; return;
    end if;
    insert into transfers (town_id, idempotency_key, from_account, to_account, amount, cause_kind, cause_id,
                           memo, created_by, item_id, rule_id, category, created_at)
    select p_town, p_key, a.id, v_wallet, v_points, 'award', p_item, p_memo, p_by, p_item, v_rule_id, v_category, p_at
      from accounts a where a.town_id = p_town and a.kind = 'issuer'
    on conflict (town_id, idempotency_key) do nothing
    returning id into v_id;
    if v_id is null then
        select t.id into v_id from transfers t where t.town_id = p_town and t.idempotency_key = p_key;
        return query select case when v_id is null then 'no_issuer' else 'replayed' end, v_id, 0::bigint; return;
    end if;
    update accounts set balance = balance + v_points where town_id = p_town and id = v_wallet;
    return query select 'awarded', v_id, v_points::bigint;
end $$;
