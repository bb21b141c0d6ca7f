-- A check-in in one round trip: the post, its photo, the award (at most one
-- per depositor, campaign and town day, by the idempotency key) and the
-- check-in row, atomically. The campaign's rules (window, village) are
-- checked by the caller (`domain::campaign`) before.
create function checkin_post(
    p_town bigint, p_user bigint, p_campaign bigint, p_body text, p_topic text, p_media uuid,
    p_day date, p_at timestamptz, p_key text, p_points bigint, p_item bigint, p_category text
) returns table (post_id bigint, transfer_id bigint)
language plpgsql as $$
declare
    v_post bigint;
    v_wallet bigint;
    v_issuer bigint;
    v_transfer bigint;
begin
    select a.id into v_wallet from accounts a
     where a.town_id = p_town and a.user_id = p_user and a.kind = 'depositor';
    if not found then
        raise exception 'user % of town % has no wallet', p_user, p_town using errcode = 'foreign_key_violation';
    end if;
    select a.id into v_issuer from accounts a where a.town_id = p_town and a.kind = 'issuer';
    if not found then
        insert into accounts (town_id, kind) values (p_town, 'issuer') on conflict do nothing;
        select a.id into v_issuer from accounts a where a.town_id = p_town and a.kind = 'issuer';
    end if;
    insert into posts (town_id, author_id, body, topic, campaign_id, created_at)
    values (p_town, p_user, p_body, nullif(p_topic, ''), p_campaign, p_at)
    returning id into v_post;
    insert into post_photos (town_id, post_id, position, media_id) values (p_town, v_post, 0, p_media);
    -- A second check-in the same day meets the first one's key and moves nothing.
    insert into transfers (town_id, idempotency_key, from_account, to_account, amount, cause_kind, cause_id,
                           memo, item_id, category, created_at)
    values (p_town, p_key, v_issuer, v_wallet, p_points, 'checkin', p_campaign, 'post:' || v_post, p_item,
            p_category, p_at)
    on conflict (town_id, idempotency_key) do nothing
    returning id into v_transfer;
    if v_transfer is not null then
        update accounts set balance = balance + p_points where town_id = p_town and id = v_wallet;
    end if;
    insert into checkins (town_id, campaign_id, user_id, post_id, local_day, awarded, transfer_id, created_at)
    values (p_town, p_campaign, p_user, v_post, p_day, v_transfer is not null, v_transfer, p_at);
    return query select v_post, v_transfer;
end $$;
