# Step 2 of 3: a typed code for every certificate issued before there was one.
#
# Set-based in batches: one SELECT of ids and one UPDATE (bulk_update's CASE) per batch, the same SQL on
# SQLite and PostgreSQL. The codes are drawn in Python (a check character has no portable SQL), and the
# codes of this run are kept apart so the unique constraint of step 3 cannot fail on a draw twice.

from django.db import migrations

from bimtek.lib.typed_code import new_code

BATCH = 2000


def fill(apps, schema_editor):
    Certificate = apps.get_model('delivery', 'Certificate')
    missing = Certificate.objects.filter(verification_code__isnull=True).order_by('pk')
    drawn = set(Certificate.objects.exclude(verification_code__isnull=True).values_list('verification_code', flat=True))
    while ids := list(missing.values_list('pk', flat=True)[:BATCH]):
        rows = []
        for pk in ids:
            code = new_code()
            while code in drawn:
                code = new_code()
            drawn.add(code)
            rows.append(Certificate(pk=pk, verification_code=code))
        Certificate.objects.bulk_update(rows, ['verification_code'])


class Migration(migrations.Migration):

    dependencies = [
        ('delivery', '0003_certificate_verification_code'),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
