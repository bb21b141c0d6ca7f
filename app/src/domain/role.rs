//! Roles and what each may see or do. The server asks these questions on
//! every server function; the UI only uses them to hide buttons.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Depositor,
    BranchStaff,
    DepartmentStaff,
    HqAdmin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Depositor => "depositor",
            Role::BranchStaff => "branch_staff",
            Role::DepartmentStaff => "department_staff",
            Role::HqAdmin => "hq_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "depositor" => Role::Depositor,
            "branch_staff" => Role::BranchStaff,
            "department_staff" => Role::DepartmentStaff,
            "hq_admin" => Role::HqAdmin,
            _ => return None,
        })
    }

    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Depositor)
    }
}

/// Who is asking, as far as permissions go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub role: Role,
    pub village_id: Option<i64>,
}

impl Actor {
    /// Headquarters sees every village; a branch sees only its own; other
    /// roles see no staff data.
    pub fn may_manage_village(&self, village_id: i64) -> bool {
        match self.role {
            Role::HqAdmin => true,
            Role::BranchStaff => self.village_id == Some(village_id),
            _ => false,
        }
    }

    /// Staff statistics of a campaign: headquarters always; a branch when
    /// the campaign is scoped to its village. Town-wide campaigns belong to
    /// headquarters.
    pub fn may_view_campaign_stats(&self, campaign_village: Option<i64>) -> bool {
        match (self.role, campaign_village) {
            (Role::HqAdmin, _) => true,
            (Role::BranchStaff, Some(v)) => self.village_id == Some(v),
            _ => false,
        }
    }

    pub fn may_create_campaign(&self) -> bool {
        self.role == Role::HqAdmin
    }

    /// Hiding or restoring feed content and judging check-ins of a depositor
    /// from `village`: headquarters anywhere, a branch in its own village.
    pub fn may_moderate(&self, village: Option<i64>) -> bool {
        match self.moderation_scope() {
            Some(None) => true,
            Some(Some(own)) => village == Some(own),
            None => false,
        }
    }

    /// The villages whose content `self` moderates: `Some(None)` for all of
    /// them (headquarters), `Some(Some(v))` for one (a branch), `None` for
    /// nobody's. Lists of reports and check-ins filter by it.
    pub fn moderation_scope(&self) -> Option<Option<i64>> {
        match self.role {
            Role::HqAdmin => Some(None),
            Role::BranchStaff => self.village_id.map(Some),
            _ => None,
        }
    }

    /// Turning a topic into an online exhibition.
    pub fn may_curate(&self) -> bool {
        self.role == Role::HqAdmin
    }

    /// Full phone numbers are shown to their owner and to headquarters.
    pub fn may_see_full_phone_of(&self, owner_id: i64) -> bool {
        self.user_id == owner_id || self.role == Role::HqAdmin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, village: Option<i64>) -> Actor {
        Actor { user_id: 1, role, village_id: village }
    }

    #[test]
    fn branch_staff_is_confined_to_its_village() {
        let branch = actor(Role::BranchStaff, Some(7));
        assert!(branch.may_manage_village(7));
        assert!(!branch.may_manage_village(8));
        assert!(branch.may_view_campaign_stats(Some(7)));
        assert!(!branch.may_view_campaign_stats(Some(8)));
        assert!(!branch.may_view_campaign_stats(None));
    }

    #[test]
    fn headquarters_sees_everything_and_residents_nothing() {
        let hq = actor(Role::HqAdmin, None);
        assert!(hq.may_view_campaign_stats(None) && hq.may_view_campaign_stats(Some(3)));
        let resident = actor(Role::Depositor, Some(3));
        assert!(!resident.may_view_campaign_stats(Some(3)));
        assert!(!resident.may_create_campaign());
    }

    #[test]
    fn phone_numbers_visible_to_owner_and_headquarters_only() {
        let resident = actor(Role::Depositor, Some(3));
        assert!(resident.may_see_full_phone_of(1));
        assert!(!resident.may_see_full_phone_of(2));
        assert!(actor(Role::HqAdmin, None).may_see_full_phone_of(2));
        assert!(!actor(Role::BranchStaff, Some(3)).may_see_full_phone_of(2));
    }

    #[test]
    fn moderation_follows_village_scope() {
        let branch = actor(Role::BranchStaff, Some(7));
        assert!(branch.may_moderate(Some(7)));
        assert!(!branch.may_moderate(Some(8)));
        assert!(!branch.may_moderate(None));
        assert!(actor(Role::HqAdmin, None).may_moderate(None));
        assert!(!actor(Role::DepartmentStaff, None).may_moderate(Some(7)));
        assert!(!actor(Role::Depositor, Some(7)).may_moderate(Some(7)));
        assert!(actor(Role::HqAdmin, None).may_curate() && !branch.may_curate());
        assert_eq!(branch.moderation_scope(), Some(Some(7)));
        assert_eq!(actor(Role::HqAdmin, None).moderation_scope(), Some(None));
        assert_eq!(actor(Role::DepartmentStaff, None).moderation_scope(), None);
    }

    #[test]
    fn role_names_round_trip() {
        for r in [Role::Depositor, Role::BranchStaff, Role::DepartmentStaff, Role::HqAdmin] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }
}
