-- Faster catalogue awards (issue: ledger throughput). The award stays one
-- round trip through `ledger_award`, with the same arguments, outcomes and
-- result columns; what changes is how much work each award costs:
--
-- 1. For an uncapped item the wallet is locked and credited by one UPDATE
--    (no `select ... for update` followed by an update of the same row); a
--    replayed award takes the credit back in the same transaction, so
--    nothing moves. A capped item locks first, as before, so a refusal
--    writes only the lock.
-- 2. Caps are summed only when the rule in force has a cap (and only over
--    today when there is no yearly cap).
-- 3. The rule in force and the town's issuing account are read from one
--    small row (`point_rules_current`, kept by triggers) instead of joining
--    items, rule versions and accounts on every award.
-- 4. The foreign key transfers.to_account -> accounts, whose check locked the
--    wallet row a second time and ran a query per award, is replaced by the
--    award function's own lookup (it credits that very account in the same
--    transaction) and, for every other transfer, by a trigger; accounts can
--    be neither deleted (trigger from the previous migration) nor re-keyed
--    (trigger below), which the foreign key also guaranteed.
-- 5. The foreign key transfers.reverses_id -> transfers likewise becomes a
--    trigger that runs only for reversals (awards no longer queue a check).
-- 6. Single-column checks become domains (checked from a per-session cache,
--    not re-read from the catalog by every statement); same rules.
-- 7. The wallet's "received" index and the cap index are one index.
-- 8. Idempotency keys compare bytewise (collation "C"): equality, and so
--    uniqueness, is unchanged; only the index's sort order differs.
--
-- Works on a populated database: nothing is rewritten; indexes are built,
-- the domain checks and the current-rule table are validated/filled from the
-- existing rows.

-- 1. Indexes ------------------------------------------------------------------

-- Serves both the passbook (to_account = wallet) and cap sums (to_account,
-- item, created_at); replaces transfers_to and transfers_item_caps.
create index transfers_to_item on transfers (town_id, to_account, item_id, created_at);
drop index transfers_to;
drop index transfers_item_caps;

alter table transfers alter column idempotency_key type text collate "C";

-- 2. Referential checks without per-award cost --------------------------------

alter table transfers drop constraint transfers_town_id_to_account_fkey;
alter table transfers drop constraint transfers_town_id_reverses_id_fkey;

-- Awards are posted only by `ledger_award`, which credits the wallet it posts
-- to in the same statement sequence; every other transfer is checked here.
create function transfers_check_references() returns trigger language plpgsql as $$
begin
    perform 1 from accounts a where a.town_id = new.town_id and a.id = new.to_account;
    if not found then
        raise exception 'insert or update on table "transfers" violates the account reference'
            using errcode = 'foreign_key_violation',
                  detail = format('Key (town_id, to_account)=(%s, %s) is not present in table "accounts".', new.town_id, new.to_account);
    end if;
    if new.reverses_id is not null then
        perform 1 from transfers t where t.town_id = new.town_id and t.id = new.reverses_id;
        if not found then
            raise exception 'insert or update on table "transfers" violates the reversal reference'
                using errcode = 'foreign_key_violation',
                      detail = format('Key (town_id, reverses_id)=(%s, %s) is not present in table "transfers".', new.town_id, new.reverses_id);
        end if;
    end if;
    return null;
end $$;
create trigger transfers_check_references after insert on transfers
    for each row when (new.cause_kind <> 'award' or new.reverses_id is not null)
    execute function transfers_check_references();

-- What the foreign key also guaranteed: a referenced account keeps its key.
-- (An AFTER trigger with a column list: a balance update never fires it and
-- takes no extra row lock.)
create function refuse_account_rekey() returns trigger language plpgsql as $$
begin
    raise exception 'accounts keep their town and id: transfers refer to them'
        using errcode = 'restrict_violation';
end $$;
create trigger accounts_keep_key after update of town_id, id on accounts
    for each row when (old.town_id is distinct from new.town_id or old.id is distinct from new.id)
    execute function refuse_account_rekey();

-- 3. Single-column checks as domains ------------------------------------------
-- Created without a check, so the column type change rewrites nothing; the
-- check is then added to the domain, which validates the existing rows.

create domain ledger_category as text;
create domain ledger_amount as bigint;
alter table transfers alter column category type ledger_category,
                      alter column amount type ledger_amount;
alter domain ledger_category add constraint ledger_category_check
    check (value in ('civic_practice', 'environment', 'online', 'volunteer'));
alter domain ledger_amount add constraint ledger_amount_check check (value > 0);
alter table transfers drop constraint transfers_category_check;
alter table transfers drop constraint transfers_amount_check;

-- 4. The rule in force, one row per item --------------------------------------
-- Kept by triggers on point_rules, point_items and accounts; read by
-- ledger_award only. The highest version of an item's rules is in force, as
-- before.

create table point_rules_current (
    town_id     bigint not null,
    item_id     bigint not null,
    rule_id     bigint not null,
    version     integer not null,
    points      integer not null,
    daily_cap   integer,
    yearly_cap  integer,
    category    text not null,
    issuer_id   bigint,
    primary key (town_id, item_id)
);

create function refresh_point_rule_current(p_town bigint, p_item bigint) returns void language sql as $$
    insert into point_rules_current as c (town_id, item_id, rule_id, version, points, daily_cap, yearly_cap, category, issuer_id)
    select i.town_id, i.id, r.id, r.version, r.points, r.daily_cap, r.yearly_cap, i.category,
           (select a.id from accounts a where a.town_id = i.town_id and a.kind = 'issuer')
      from point_items i
      join lateral (select * from point_rules r where r.town_id = i.town_id and r.item_id = i.id
                     order by r.version desc limit 1) r on true
     where i.town_id = p_town and i.id = p_item
    on conflict (town_id, item_id) do update
       set rule_id = excluded.rule_id, version = excluded.version, points = excluded.points,
           daily_cap = excluded.daily_cap, yearly_cap = excluded.yearly_cap,
           category = excluded.category, issuer_id = excluded.issuer_id;
$$;

create function point_rules_current_from_rule() returns trigger language plpgsql as $$
begin
    perform refresh_point_rule_current(new.town_id, new.item_id);
    if tg_op = 'UPDATE' and (old.town_id, old.item_id) is distinct from (new.town_id, new.item_id) then
        delete from point_rules_current where town_id = old.town_id and item_id = old.item_id;
        perform refresh_point_rule_current(old.town_id, old.item_id);
    end if;
    return null;
end $$;
create trigger point_rules_current after insert or update on point_rules
    for each row execute function point_rules_current_from_rule();

create function point_rules_current_from_item() returns trigger language plpgsql as $$
begin
    update point_rules_current c set category = new.category
     where c.town_id = new.town_id and c.item_id = new.id;
    return null;
end $$;
create trigger point_rules_current_category after update of category on point_items
    for each row execute function point_rules_current_from_item();

create function point_rules_current_from_issuer() returns trigger language plpgsql as $$
begin
    update point_rules_current c
       set issuer_id = (select a.id from accounts a where a.town_id = c.town_id and a.kind = 'issuer')
     where c.town_id = new.town_id
        or (tg_op = 'UPDATE' and c.town_id = old.town_id);
    return null;
end $$;
create trigger point_rules_current_issuer after insert on accounts
    for each row when (new.kind = 'issuer')
    execute function point_rules_current_from_issuer();
create trigger point_rules_current_issuer_kind after update of kind on accounts
    for each row when (old.kind = 'issuer' or new.kind = 'issuer')
    execute function point_rules_current_from_issuer();

select refresh_point_rule_current(i.town_id, i.id) from point_items i;

-- 5. The award --------------------------------------------------------------------

-- One catalogue award in one round trip. Outcomes, in order of precedence,
-- as in the first version: not_found, not_your_village, replayed,
-- item_unknown, daily_cap, yearly_cap, no_issuer, awarded. The cap rule is
-- the one of `domain::catalogue::check_caps`.
create or replace function ledger_award(
    p_town bigint, p_user bigint, p_item bigint, p_key text, p_memo text, p_by bigint,
    p_at timestamptz, p_day_start timestamptz, p_year_start timestamptz, p_village bigint
) returns table (outcome text, transfer_id bigint, points bigint)
language plpgsql as $$
declare
    v_wallet bigint;
    v_village bigint;
    v_issuer bigint;
    v_id bigint;
    v_rule_id bigint;
    v_points integer;
    v_daily integer;
    v_yearly integer;
    v_category text;
    v_today bigint;
    v_year bigint;
    v_since timestamptz;
begin
    select c.rule_id, c.points, c.daily_cap, c.yearly_cap, c.category, c.issuer_id
      into v_rule_id, v_points, v_daily, v_yearly, v_category, v_issuer
      from point_rules_current c
     where c.town_id = p_town and c.item_id = p_item;
    if v_rule_id is not null and v_daily is null and v_yearly is null and v_issuer is not null then
        -- Uncapped item: nothing to check but the key. Lock the household's
        -- wallet and credit it in one statement, then post the transfer.
        update accounts a set balance = a.balance + v_points
          from users u
         where u.town_id = p_town and u.id = p_user and u.role = 'depositor'
           and (p_village is null or u.village_id = p_village)
           and a.town_id = p_town and a.user_id = p_user and a.kind = 'depositor'
        returning a.id into v_wallet;
        if v_wallet is not null then
            insert into transfers (town_id, idempotency_key, from_account, to_account, amount, cause_kind, cause_id,
                                   memo, created_by, item_id, rule_id, category, created_at)
            values (p_town, p_key, v_issuer, v_wallet, v_points, 'award', p_item, p_memo, p_by, p_item, v_rule_id,
                    v_category, p_at)
            on conflict (town_id, idempotency_key) do nothing
            returning id into v_id;
            if v_id is not null then
                outcome := 'awarded'; transfer_id := v_id; points := v_points;
                return next;
                return;
            end if;
            -- A replay (rare): take the credit back, so nothing moved.
            update accounts a set balance = a.balance - v_points where a.town_id = p_town and a.id = v_wallet;
            select t.id into v_id from transfers t where t.town_id = p_town and t.idempotency_key = p_key;
            outcome := 'replayed'; transfer_id := v_id; points := 0;
            return next;
            return;
        end if;
    elsif v_rule_id is not null then
        -- Capped item (or a town without an issuing account): lock the
        -- wallet first, as the first version did, so that a refusal writes
        -- nothing but the lock.
        select a.id into v_wallet
          from users u join accounts a on a.town_id = u.town_id and a.user_id = u.id and a.kind = 'depositor'
         where u.town_id = p_town and u.id = p_user and u.role = 'depositor'
           and (p_village is null or u.village_id = p_village)
           for update of a;
        if v_wallet is not null then
            if v_daily is not null or v_yearly is not null then
                -- What this wallet received for this item today and this year,
                -- net of reversals (only today's when there is no yearly cap).
                v_since := case when v_yearly is null then greatest(p_day_start, p_year_start) else p_year_start end;
                select coalesce(sum(s) filter (where at >= p_day_start), 0), coalesce(sum(s), 0)
                  into v_today, v_year
                  from (select t.amount as s, t.created_at as at from transfers t
                         where t.town_id = p_town and t.to_account = v_wallet and t.item_id = p_item
                           and t.created_at >= v_since
                        union all
                        select -t.amount, t.created_at from transfers t
                         where t.town_id = p_town and t.from_account = v_wallet and t.item_id = p_item
                           and t.reverses_id is not null and t.created_at >= v_since) moved;
                if v_daily is not null and v_today + v_points > v_daily then
                    outcome := 'daily_cap';
                elsif v_yearly is not null and v_year + v_points > v_yearly then
                    outcome := 'yearly_cap';
                end if;
            end if;
            if outcome is null and v_issuer is null then
                outcome := 'no_issuer';
            end if;
            if outcome is not null then
                -- A replay is answered before a refusal (the wallet is locked, so
                -- an award with this key for this wallet has committed by now).
                -- An award that passes goes on to the insert, whose key
                -- conflict answers a replay.
                select t.id into v_id from transfers t where t.town_id = p_town and t.idempotency_key = p_key;
                if v_id is not null then
                    outcome := 'replayed';
                end if;
                transfer_id := v_id; points := 0; return next; return;
            end if;
            insert into transfers (town_id, idempotency_key, from_account, to_account, amount, cause_kind, cause_id,
                                   memo, created_by, item_id, rule_id, category, created_at)
            values (p_town, p_key, v_issuer, v_wallet, v_points, 'award', p_item, p_memo, p_by, p_item, v_rule_id,
                    v_category, p_at)
            on conflict (town_id, idempotency_key) do nothing
            returning id into v_id;
            if v_id is null then
                select t.id into v_id from transfers t where t.town_id = p_town and t.idempotency_key = p_key;
                outcome := 'replayed'; transfer_id := v_id; points := 0; return next; return;
            end if;
            update accounts a set balance = a.balance + v_points where a.town_id = p_town and a.id = v_wallet;
            outcome := 'awarded'; transfer_id := v_id; points := v_points;
            return next;
            return;
        end if;
    end if;
    -- Nothing was credited: say why, in the first version's order.
    select a.id, u.village_id into v_wallet, v_village
      from users u join accounts a on a.town_id = u.town_id and a.user_id = u.id and a.kind = 'depositor'
     where u.town_id = p_town and u.id = p_user and u.role = 'depositor';
    if not found then
        outcome := 'not_found'; transfer_id := null; points := 0; return next; return;
    end if;
    if p_village is not null and v_village is distinct from p_village then
        outcome := 'not_your_village'; transfer_id := null; points := 0; return next; return;
    end if;
    select t.id into v_id from transfers t where t.town_id = p_town and t.idempotency_key = p_key;
    if found then
        outcome := 'replayed'; transfer_id := v_id; points := 0; return next; return;
    end if;
    if v_rule_id is null then
        outcome := 'item_unknown'; transfer_id := null; points := 0; return next; return;
    end if;
    -- The wallet matched just now but not in the update: the user's role or
    -- village changed meanwhile. Nothing moved; the caller may retry.
    raise exception 'ledger_award: user % changed during the award', p_user
        using errcode = 'serialization_failure';
end $$;
