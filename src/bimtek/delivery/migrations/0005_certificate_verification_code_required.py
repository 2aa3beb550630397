# Step 3 of 3: every certificate has its code now; new ones draw theirs, and no two share one.

import bimtek.lib.typed_code
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('delivery', '0004_certificate_verification_code_fill'),
    ]

    operations = [
        migrations.AlterField(
            model_name='certificate',
            name='verification_code',
            field=models.CharField(default=bimtek.lib.typed_code.new_code, editable=False, max_length=12),
        ),
        migrations.AddConstraint(
            model_name='certificate',
            constraint=models.UniqueConstraint(fields=('verification_code',), name='certificate_verification_code_unique'),
        ),
    ]
