from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 10 * 1024 * 1024  # bytes: a benchmark file is a table of figures


class BenchmarkFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (separated by ; , or tab) or Excel (.xlsx), headers in Dutch or English."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
