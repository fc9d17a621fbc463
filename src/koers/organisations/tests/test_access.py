from koers.organisations.access import Access
from koers.organisations.models import Membership, Organisation
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

    def test_it_reads_the_membership_in_one_query_and_unit_rights_once_when_asked(self):
        with self.assertNumQueries(1):
            access = self.access(self.bob)
        with self.assertNumQueries(2):  # his roles, and the unit tree below what he manages
            self.assertTrue(access.can_manage_unit(self.plaatwerk.pk))
        with self.assertNumQueries(0):
            self.assertFalse(access.can_manage_unit(self.verkoop.pk))
            self.assertTrue(access.enters_data_anywhere)
        carol = self.access(self.carol)
        with self.assertNumQueries(1):  # a member only: no unit tree
            self.assertTrue(carol.can_enter_data(self.verkoop.pk))
        self.assertFalse(carol.can_enter_data(self.productie.pk))
        self.assertEqual(carol.managed_unit_ids, frozenset())
        alice = self.access(self.alice)
        with self.assertNumQueries(0):  # an administrator may do everything
            self.assertTrue(alice.can_manage_unit(self.verkoop.pk))
            self.assertTrue(alice.manages_anything and alice.enters_data_anywhere)


class AccessBySlugTests(KoersTestCase):
    def test_it_reads_organisation_and_membership_in_one_query(self):
        with self.assertNumQueries(1):
            access = Access.for_slug(self.bob, "acme")
            self.assertEqual((access.organisation, access.role), (self.org, "viewer"))
            self.assertEqual(access.organisation.name, self.org.name)
        self.assertEqual(access.managed_unit_ids, {self.productie.pk, self.plaatwerk.pk})
        self.assertEqual(access.member_unit_ids, frozenset())

    def test_it_gives_nothing_for_another_or_an_unknown_organisation(self):
        self.assertIsNone(Access.for_slug(self.charlie, "acme"))
        self.assertIsNone(Access.for_slug(self.alice, "other"))
        self.assertIsNone(Access.for_slug(self.alice, "nope"))
        self.assertEqual(Access.for_slug(self.charlie, "other").organisation, self.other)

    def test_it_lists_the_users_organisations_by_name_with_the_same_query(self):
        self.assertEqual(Access.for_slug(self.alice, "acme").user_organisations, [self.org])
        Membership.objects.create(organisation=self.other, user=self.alice, role="viewer")
        zulu = Organisation.objects.create(name="Aardvark", slug="zulu")
        Membership.objects.create(organisation=zulu, user=self.alice, role="viewer")
        Membership.objects.create(organisation=zulu, user=self.bob, role="viewer")
        with self.assertNumQueries(1):
            access = Access.for_slug(self.alice, "other")
            self.assertEqual(access.user_organisations, [zulu, self.org, self.other])
        self.assertEqual((access.organisation, access.role), (self.other, "viewer"))
