"""The form renderer writes Django's stock widgets in Python: the same HTML as the templates."""

from datetime import date
from decimal import Decimal

from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import SimpleTestCase
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from koers.widgets import WidgetRenderer


class Everything(forms.Form):
    name = forms.CharField(label="Naam <b>", help_text="help", max_length=20)
    amount = forms.DecimalField(required=False)
    count = forms.IntegerField(initial=1234567)
    mail = forms.EmailField(widget=forms.EmailInput(attrs={"placeholder": gettext_lazy("mail")}))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput(attrs={"id": False}), initial='a"b')
    flag = forms.BooleanField(required=False, initial=True)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), initial=date(2025, 1, 31))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), initial="x < y & z")
    empty_text = forms.CharField(widget=forms.Textarea, required=False)
    choice = forms.ChoiceField(choices=[("", "—"), ("a", "A & B"), (1, 2)], initial="a")
    grouped = forms.ChoiceField(
        choices=[("Group <1>", [("x", "X"), ("y", "Y")]), ("z", mark_safe("<i>Z</i>"))]
    )
    many = forms.MultipleChoiceField(choices=[("p", "P"), ("q", "Q")], initial=["q"])


class WidgetRendererTests(SimpleTestCase):
    def _both(self, form_class, **kwargs):
        fast = form_class(renderer=WidgetRenderer(), **kwargs)
        slow = form_class(renderer=DjangoTemplates(), **kwargs)
        return fast, slow

    def test_it_renders_every_widget_and_label_as_the_templates_do(self):
        for data in (None, {"name": "<script>", "amount": "1.5", "text": "", "choice": "1"}):
            fast, slow = self._both(Everything, data=data)
            for name in Everything.base_fields:
                with self.subTest(field=name, bound=data is not None):
                    self.assertHTMLEqual(str(fast[name]), str(slow[name]))
                    self.assertEqual(str(fast[name]), str(slow[name]))
                    self.assertEqual(fast[name].label_tag(), slow[name].label_tag())
            self.assertEqual(str(fast), str(slow))

    def test_it_escapes_what_the_user_typed(self):
        form = Everything(renderer=WidgetRenderer(), data={"name": '"><script>x</script>'})
        html = str(form["name"])
        self.assertIn('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"', html)
        self.assertNotIn("<script>", html)
        self.assertIn("Naam &lt;b&gt;", form["name"].label_tag())

    def test_it_keeps_the_attributes_as_written(self):
        form = Everything(renderer=WidgetRenderer(), initial={"amount": Decimal("12.50")})
        self.assertEqual(
            str(form["amount"]),
            '<input type="number" name="amount" value="12.50" step="any" id="id_amount">',
        )
        self.assertIn('<input type="checkbox" name="flag" id="id_flag" checked>', str(form["flag"]))
        self.assertIn('<optgroup label="Group &lt;1&gt;">', str(form["grouped"]))
        self.assertIn("<i>Z</i></option>", str(form["grouped"]))

    def test_it_leaves_other_templates_to_the_templates(self):
        class Radio(forms.Form):
            pick = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

        fast, slow = self._both(Radio)
        self.assertEqual(str(fast["pick"]), str(slow["pick"]))
        self.assertIn('type="radio"', str(fast["pick"]))
