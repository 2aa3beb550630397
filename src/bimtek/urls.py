from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("bimtek.api.urls")),
    path("admin/", admin.site.urls),
    path("akun/", include("bimtek.accounts.urls")),
    path("", include("bimtek.regions.urls")),
    path("", include("bimtek.workforce.urls")),
    path("latihan/", include("bimtek.drill.urls")),
    path("asesmen/", include("bimtek.assessment.urls")),
    path("kesiapan/", include("bimtek.readiness.urls")),
    path("kesiapan/", include("bimtek.analytics.urls")),
    path("pelaksanaan/", include("bimtek.delivery.urls")),
    path("rencana/", include("bimtek.planner.urls")),
    path("pesan/", include("bimtek.messaging.urls")),
    path("dokumen/", include("bimtek.documents.urls")),
    path("evaluasi/", include("bimtek.feedback.urls")),
    path("narasumber/", include("bimtek.speakers.urls")),
    path("anggaran/", include("bimtek.budget.urls")),
    path("saya/", include("bimtek.participants.urls")),
    path("", include("bimtek.pwa.urls")),
    path("", include("bimtek.jobs.urls")),
    path("", include("bimtek.audit.urls")),
    path("", include("bimtek.site.urls")),
]
