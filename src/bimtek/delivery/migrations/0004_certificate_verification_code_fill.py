# Step 2 of 3: a typed code for every certificate issued before there was one.
#
# Set-based, the same SQL on SQLite and PostgreSQL: the codes are drawn in Python (a check character has no
# portable SQL) into a temporary table of (id, code), a few hundred rows per INSERT while walking the
# primary key; codes drawn twice (or already taken) are drawn again; then one UPDATE copies them over.
# Django's bulk_update, which builds a CASE of every row in Python, was about 4x slower on 50,000 rows.

from django.db import migrations

from bimtek.lib.typed_code import new_code

BATCH = 400  # rows per INSERT: 800 parameters, under SQLite's oldest limit of 999
NEW = 'delivery_certificate_new_code'


def _clashes(cursor, table):
    cursor.execute(
        f'SELECT id FROM {NEW} WHERE code IN (SELECT code FROM {NEW} GROUP BY code HAVING COUNT(*) > 1)'
        f' OR code IN (SELECT verification_code FROM {table} WHERE verification_code IS NOT NULL)'
    )
    return [row[0] for row in cursor.fetchall()]


def fill(apps, schema_editor):
    Certificate = apps.get_model('delivery', 'Certificate')
    table = schema_editor.quote_name(Certificate._meta.db_table)
    missing = Certificate.objects.filter(verification_code__isnull=True).order_by('pk')
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f'CREATE TEMPORARY TABLE {NEW} (id bigint PRIMARY KEY, code varchar(12) NOT NULL)')
        last = 0
        while ids := list(missing.filter(pk__gt=last).values_list('pk', flat=True)[:BATCH]):
            values = ', '.join(['(%s, %s)'] * len(ids))
            cursor.execute(f'INSERT INTO {NEW} (id, code) VALUES {values}', [v for pk in ids for v in (pk, new_code())])
            last = ids[-1]
        cursor.execute(f'CREATE INDEX {NEW}_code ON {NEW} (code)')
        while clashes := _clashes(cursor, table):  # 55 random bits: hardly ever, but never twice
            cursor.executemany(f'UPDATE {NEW} SET code = %s WHERE id = %s', [(new_code(), pk) for pk in clashes])
        cursor.execute(
            f'UPDATE {table} SET verification_code = (SELECT code FROM {NEW} WHERE {NEW}.id = {table}.id)'
            f' WHERE verification_code IS NULL'
        )
        cursor.execute(f'DROP TABLE {NEW}')


class Migration(migrations.Migration):

    dependencies = [
        ('delivery', '0003_certificate_verification_code'),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
