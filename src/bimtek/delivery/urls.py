from django.urls import path

from bimtek.delivery import views, views_certificates, views_checkin, views_print

app_name = "delivery"
urlpatterns = [
    path("sesi-saya/", views.my_sessions, name="my_sessions"),
    path("sesi/<int:pk>/", views.session_page, name="session"),
    path("sesi/<int:pk>/hadir/", views_checkin.checkin, name="checkin"),
    path("sesi/<int:pk>/hadir/pindai/", views_checkin.scan, name="scan"),
    path("sesi/<int:pk>/hadir/sinkron/", views_checkin.sync, name="sync"),
    path("sesi/<int:pk>/hadir/impor/", views.paper_import, name="paper_import"),
    path("sesi/<int:pk>/daftar-hadir.pdf", views_print.roster_pdf, name="roster_pdf"),
    path("sesi/<int:pk>/kartu.pdf", views_print.cards_pdf, name="cards_pdf"),
    path(
        "e/<slug:slug>/wilayah/<str:code>/daftar-hadir.pdf", views_print.region_rosters, name="region_rosters"
    ),
    path("e/<slug:slug>/wilayah/<str:code>/kartu.pdf", views_print.region_cards, name="region_cards"),
    path("rencana/<int:pk>/daftar-hadir.pdf", views_print.plan_rosters, name="plan_rosters"),
    path("rencana/<int:pk>/kartu.pdf", views_print.plan_cards, name="plan_cards"),
    path("cetak/<uuid:pk>/", views_print.print_file, name="print_file"),
    path("e/<slug:slug>/sertifikat/", views_certificates.certificate_list, name="certificates"),
    path(
        "e/<slug:slug>/sertifikat/terbitkan/", views_certificates.certificate_issue, name="certificate_issue"
    ),
    path("sertifikat/<int:pk>.pdf", views_certificates.certificate_file, name="certificate_pdf"),
    path("sertifikat/<int:pk>/cabut/", views_certificates.certificate_revoke, name="certificate_revoke"),
    path("verifikasi/", views_certificates.verify, name="verify"),
]
