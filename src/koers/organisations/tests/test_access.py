from koers.organisations.access import Access
from koers.testing import KoersTestCase


class AccessTestCase(KoersTestCase):
    def access(self, user):
        return Access.for_user(user, self.org)

    def test_it_gives_admins_everything(self):
        access = self.access(self.alice)
        for unit in (self.company, self.productie, self.plaatwerk, self.verkoop):
            self.assertTrue(access.can_manage_unit(unit.pk))
            self.assertTrue(access.can_enter_data(unit.pk))

    def test_it_lets_managers_define_for_their_unit_and_below(self):
        access = self.access(self.bob)
        self.assertTrue(access.can_manage_unit(self.productie.pk))
        self.assertTrue(access.can_manage_unit(self.plaatwerk.pk))
        self.assertFalse(access.can_manage_unit(self.verkoop.pk))
        self.assertFalse(access.can_manage_unit(self.company.pk))
        self.assertTrue(access.can_enter_data(self.plaatwerk.pk))
        self.assertFalse(access.can_enter_data(self.verkoop.pk))

    def test_it_lets_members_enter_data_only(self):
        access = self.access(self.carol)
        self.assertTrue(access.can_enter_data(self.verkoop.pk))
        self.assertFalse(access.can_manage_unit(self.verkoop.pk))
        self.assertFalse(access.can_enter_data(self.productie.pk))

    def test_it_lets_viewers_read_only(self):
        access = self.access(self.victor)
        self.assertFalse(access.manages_anything)
        self.assertFalse(access.can_enter_data(self.verkoop.pk))

    def test_it_gives_other_organisations_nothing(self):
        self.assertIsNone(self.access(self.charlie))

    def test_it_computes_rights_in_two_queries_per_organisation(self):
        with self.assertNumQueries(3):
            self.access(self.bob)
