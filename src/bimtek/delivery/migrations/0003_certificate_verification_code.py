# Step 1 of 3 (Django's recipe for a unique field on a table with rows): the column, nullable.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('delivery', '0002_attendance_offline_device_time_late'),
    ]

    operations = [
        migrations.AddField(
            model_name='certificate',
            name='verification_code',
            field=models.CharField(editable=False, max_length=12, null=True),
        ),
    ]
