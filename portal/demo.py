"""Demo data: the real programmes of Kota Pekalongan, Kabupaten Pekalongan and Kota Pontianak.

Facts (names, dates, regulations, programmes) come from the news reports in
`shared/seeds/`; descriptions are written anew. Where a source does not name
something the data model needs (which agency owns a quick win, the OPD pembina
of each pilot kelurahan, the years of a masterplan still being drafted), the
value here is a plausible assumption and is marked `# assumed` beside it.

Everything is looked up by a natural key before it is created, so loading
twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import user_sync_role_group
from dimensions.models import Dimension, Innovation, InnovationKind, InnovationLink, InnovationStatus, SubDimension
from dimensions.services import innovation_create
from evaluations import services as evaluation_services
from evaluations.models import (
    AnswerType,
    Component,
    EvaluationPeriod,
    Question,
    Questionnaire,
    ScaleLevel,
    Semester,
    Submission,
    SubmissionStatus,
)
from kelurahan.models import Agency, KelurahanPintar, LegalBasis, Programme, Regency, Village
from masterplan.models import Book, BookStatus, GuidanceSession, Masterplan, MasterplanVersion, VersionStatus
from masterplan.services import masterplan_version_create

DEMO_REGENCIES = ["33.75", "33.26", "61.71"]
DEMO_PASSWORD = "kota-cerdas-demo"  # noqa: S105 - printed for the demo accounts; never used outside make run


@dataclass
class DemoResult:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, what: str, was_created: bool) -> None:
        self.created[what] = self.created.get(what, 0) + int(was_created)


# --- The regions -----------------------------------------------------------------

PROGRAMMES = {
    "33.75": {
        "joined_year": 2018,
        "cohort": "Gerakan Menuju 100 Smart City 2018",
        "summary": (
            "Kota Batik ini ikut Gerakan Menuju 100 Smart City sejak 2018. Setiap dimensi punya program cepat "
            "yang bisa dirasakan warga, dan sejak Oktober 2024 konsep kota cerdas dibawa turun ke tingkat "
            "kelurahan lewat Kelurahan Pintar. Masterplan sedang direvisi pada 2025 agar selaras dengan RPJMD baru."
        ),
    },
    "33.26": {
        "joined_year": 2024,
        "cohort": "Menuju Kota Cerdas 2024 (10 kabupaten/kota)",
        "summary": (
            "Kabupaten Pekalongan terpilih sebagai salah satu dari sepuluh daerah angkatan 2024 program Menuju "
            "Kota Cerdas dan sedang menyusun masterplan bersama pendamping dari kementerian, melibatkan puluhan "
            "lembaga di dalam dan di luar pemerintah daerah."
        ),
    },
    "61.71": {
        "joined_year": 2019,  # the sources date the implementation from 2019 (Perwal 25/2019)
        "cohort": "Gerakan Menuju 100 Smart City",
        "summary": (
            "Pontianak menjalankan kota cerdas sejak 2019 dengan payung hukum Perwal dan kemudian Perda. Tiap "
            "dimensi punya inovasi yang digarap bersama warga dan perangkat daerah, dan layanan-layanan kota "
            "dipertemukan dalam aplikasi integrasi Jepin."
        ),
        "website": "",
    },
}

LEGAL_BASES = {
    "61.71": [
        ("perwal", "25", 2019, "Masterplan Smart City Kota Pontianak Tahun 2019–2028"),
        ("perda", "9", 2022, "Penyelenggaraan Smart City"),
    ],
}

# (acronym, full name)
AGENCIES = {
    "33.75": [
        ("Dinkominfo", "Dinas Komunikasi dan Informatika"),
        ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
        ("Dinparbudpora", "Dinas Pariwisata, Kebudayaan, Kepemudaan dan Olahraga"),
        ("Dindagkop-UKM", "Dinas Perdagangan, Koperasi dan Usaha Kecil dan Menengah"),
        ("Dinkes", "Dinas Kesehatan"),
        ("Dindik", "Dinas Pendidikan"),
        ("DLH", "Dinas Lingkungan Hidup"),
        ("Bappeda", "Badan Perencanaan, Pembangunan, Penelitian dan Pengembangan Daerah"),
    ],
    "33.26": [
        ("Dinkominfo", "Dinas Komunikasi dan Informatika"),
        ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
        ("Dinkes", "Dinas Kesehatan"),
        ("Dindukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("Dindikbud", "Dinas Pendidikan dan Kebudayaan"),
    ],
    "61.71": [
        ("Diskominfo", "Dinas Komunikasi dan Informatika"),
        ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("Disporapar", "Dinas Kepemudaan, Olahraga dan Pariwisata"),
        ("DKUMP", "Dinas Koperasi, Usaha Mikro dan Perdagangan"),
        ("Dinkes", "Dinas Kesehatan"),
        ("Disdikbud", "Dinas Pendidikan dan Kebudayaan"),
        ("DLH", "Dinas Lingkungan Hidup"),
        ("Disperpusip", "Dinas Perpustakaan dan Kearsipan"),
    ],
}

# (regency, name, kind, dimension, sub-dimension, agency acronym, villages, start, description)
INNOVATIONS = [
    (
        "33.75",
        "Sakpore",
        InnovationKind.QUICK_WIN,
        "governance",
        "public-services",
        "DPMPTSP",
        [],
        "2020-01-01",
        "Aplikasi layanan perizinan DPMPTSP: warga dan pelaku usaha mengajukan serta memantau izin dari ponsel "
        "tanpa harus bolak-balik ke kantor.",
    ),
    (
        "33.75",
        "Batik Fusion",
        InnovationKind.QUICK_WIN,
        "branding",
        "tourism",
        "Dinparbudpora",
        [],
        "2020-06-01",
        "Lomba motif sarung batik dan desain busana batik bergaya pandemi, ditambah pentas seni virtual pada "
        "2020, untuk menjaga batik Pekalongan tetap terlihat selama pembatasan kegiatan.",
    ),  # agency assumed
    (
        "33.75",
        "Loka Pasar Batik lewat WhatsApp",
        InnovationKind.QUICK_WIN,
        "economy",
        "transactions",
        "Dindagkop-UKM",
        [],
        "2020-06-01",
        "Perajin dan pedagang batik menjual lewat katalog dan grup WhatsApp, sehingga pembeli dari luar kota "
        "tetap bisa berbelanja ketika pasar sepi.",
    ),  # agency assumed
    (
        "33.75",
        "Akselerasi Vaksinasi COVID-19 Puskesmas Sokorejo",
        InnovationKind.QUICK_WIN,
        "living",
        "health",
        "Dinkes",
        [],
        "2021-01-15",
        "Pendaftaran dan penjadwalan vaksinasi yang dipercepat di Puskesmas Sokorejo agar lebih banyak warga "
        "tervaksin dalam waktu singkat.",
    ),
    (
        "33.75",
        "Pembelajaran Daring SMPN 14 Pekalongan",
        InnovationKind.QUICK_WIN,
        "society",
        "education",
        "Dindik",
        [],
        "2020-07-13",
        "Kegiatan belajar mengajar SMP Negeri 14 Pekalongan dipindahkan ke kelas daring sehingga siswa tetap "
        "belajar selama sekolah ditutup.",
    ),
    (
        "33.75",
        "MCK Adaptif Kelurahan Bandengan",
        InnovationKind.QUICK_WIN,
        "environment",
        "waste",
        "DLH",
        ["33.75.03.1009"],
        "2020-01-01",
        "Sarana mandi, cuci, kakus yang dirancang tahan banjir rob di Kelurahan Bandengan, supaya sanitasi "
        "warga pesisir tetap layak ketika air pasang.",
    ),  # agency assumed
    (
        "33.26",
        "ALDINO (Alhamdulillah Dia Nongol)",
        InnovationKind.FLAGSHIP,
        "governance",
        "public-services",
        "Dindukcapil",
        [],
        "2023-01-01",
        "Layanan kesehatan dan layanan kependudukan disatukan: bayi yang lahir langsung mendapat dokumen "
        "kependudukan tanpa orang tua harus mengurus sendiri ke kantor dinas.",
    ),  # start date assumed
    (
        "33.26",
        "KUDU SEKOLAH",
        InnovationKind.FLAGSHIP,
        "society",
        "education",
        "Dindikbud",
        [],
        "2023-07-01",
        "Anak putus sekolah didata, didatangi dan didampingi kembali ke bangku sekolah agar menuntaskan wajib "
        "belajar 12 tahun.",
    ),  # start date assumed
    (
        "61.71",
        "Pionirs",
        InnovationKind.INNOVATION,
        "governance",
        "public-services",
        "Disdukcapil",
        [],
        "2019-01-01",
        "Inovasi layanan administrasi kependudukan Disdukcapil Pontianak yang memangkas antrean dan waktu "
        "pengurusan dokumen.",
    ),
    (
        "61.71",
        "Kawasan Wisata Bansir Laut",
        InnovationKind.INNOVATION,
        "branding",
        "tourism",
        "Disporapar",
        ["61.71.06.1001"],
        "2019-01-01",
        "Kampung di tepi Sungai Kapuas di Bansir Laut ditata menjadi kawasan wisata yang dikelola bersama warga.",
    ),
    (
        "61.71",
        "Kampung Mandiri Siantan Hulu",
        InnovationKind.INNOVATION,
        "economy",
        "welfare",
        "DKUMP",
        ["61.71.04.1001"],
        "2019-01-01",
        "Warga Siantan Hulu membangun usaha bersama dan produk lokal sehingga kampung lebih mandiri secara ekonomi.",
    ),
    (
        "61.71",
        "Public Safety Center (PSC) 119",
        InnovationKind.INNOVATION,
        "living",
        "health",
        "Dinkes",
        [],
        "2019-01-01",
        "Layanan gawat darurat satu nomor, 119, yang mengirim ambulans dan tenaga kesehatan ke lokasi warga.",
    ),
    (
        "61.71",
        "Hutan Sekolah SMP Negeri 29",
        InnovationKind.INNOVATION,
        "environment",
        "protection",
        "Disdikbud",
        [],
        "2019-01-01",
        "Lahan SMP Negeri 29 Pontianak ditanami menjadi hutan kecil tempat siswa belajar merawat lingkungan.",
    ),
    (
        "61.71",
        "Kampung Literasi Selamat (Kalise)",
        InnovationKind.INNOVATION,
        "society",
        "education",
        "Disperpusip",
        [],
        "2019-01-01",
        "Kampung literasi yang digerakkan warga: pojok baca, kegiatan membaca bersama dan kelas keterampilan.",
    ),  # agency assumed
    (
        "61.71",
        "Jepin (Jendela Integrasi Pontianak)",
        InnovationKind.INNOVATION,
        "governance",
        "public-services",
        "Diskominfo",
        [],
        "2019-01-01",
        "Aplikasi integrasi yang mengumpulkan layanan dan informasi kota dalam satu pintu, dari urusan "
        "administrasi sampai kabar terkini.",
    ),
]

# Kota Pekalongan's Kelurahan Pintar pilots (launched 18 Oct 2024): village → (OPD pembina, local strength)
KELURAHAN_PINTAR = {
    "33.75.04.1008": ("Dinkes", "Pelayanan kesehatan"),  # Kuripan Yosorejo; pembina and strength assumed
    "33.75.03.1006": ("Dindik", "Pendidikan"),  # Padukuhan Kraton; assumed
    "33.75.01.1004": ("Dindagkop-UKM", "Kuliner"),  # Sapuro Kebulen; assumed
    "33.75.02.1004": ("Dinparbudpora", "Batik dan wisata kampung batik"),  # Kauman; assumed
}
KELURAHAN_PINTAR_SINCE = dt.date(2024, 10, 18)
CORE_DIMENSIONS = ["governance", "branding", "economy", "living", "society", "environment"]

QUESTIONNAIRE_TITLE = "Kuesioner Evaluasi Smart City"
SCALE = [
    (1, "Rintisan", "Inisiatif baru dimulai, belum terdokumentasi."),
    (2, "Terkelola", "Dijalankan dan dikelola, tetapi belum baku."),
    (3, "Terdefinisi", "Baku, terdokumentasi dan diterapkan di seluruh perangkat daerah terkait."),
    (4, "Terpadu dan Terukur", "Terintegrasi antarperangkat daerah dan diukur dengan indikator."),
    (5, "Optimum", "Terus diperbaiki berdasarkan hasil pengukuran dan masukan warga."),
]
# (component, answer type, evidence required, question template); {dimension} is filled in per dimension
QUESTION_TEMPLATES = [
    (Component.BASELINE, AnswerType.SCALE, False, "Seberapa lengkap data dasar (baseline) dimensi {dimension}?"),
    (
        Component.OUTPUT,
        AnswerType.SCALE,
        True,
        "Apakah kebijakan, kelembagaan dan anggaran untuk {dimension} sudah ada?",
    ),
    (Component.OUTCOME, AnswerType.SCALE, True, "Seberapa luas program {dimension} dimanfaatkan warga?"),
    (Component.IMPACT, AnswerType.SCALE, False, "Seberapa besar dampak program {dimension} yang terukur?"),
    (Component.QUICK_WIN, AnswerType.YES_NO, True, "Apakah quick win {dimension} sudah berjalan?"),
]

DEMO_USERS = [
    # (username, role, regency, agency acronym, village, first name, last name)
    ("admin.nasional", Role.NATIONAL_ADMIN, None, None, None, "Admin", "Nasional"),
    ("evaluator", Role.EVALUATOR, None, None, None, "Evaluator", "Kementerian"),
    ("staf.kotapekalongan", Role.REGENCY_STAFF, "33.75", None, None, "Staf", "Dinkominfo Kota Pekalongan"),
    ("staf.kabpekalongan", Role.REGENCY_STAFF, "33.26", None, None, "Staf", "Dinkominfo Kab. Pekalongan"),
    ("staf.pontianak", Role.REGENCY_STAFF, "61.71", None, None, "Staf", "Diskominfo Pontianak"),
    ("opd.dinparbudpora", Role.AGENCY_STAFF, "33.75", "Dinparbudpora", None, "Staf", "Dinparbudpora"),
    ("operator.kauman", Role.KELURAHAN_OPERATOR, "33.75", None, "33.75.02.1004", "Operator", "Kelurahan Kauman"),
]


# --- Loading ----------------------------------------------------------------------


def _dimension(code: str) -> Dimension:
    return Dimension.objects.get(code=code)


def _load_regions(result: DemoResult) -> dict[tuple[str, str], Agency]:
    agencies: dict[tuple[str, str], Agency] = {}
    for code, facts in PROGRAMMES.items():
        regency = Regency.objects.get(code=code)
        _obj, created = Programme.objects.get_or_create(regency=regency, defaults={**facts, "is_published": True})
        result.count("programmes", created)
        for kind, number, year, title in LEGAL_BASES.get(code, []):
            _obj, created = LegalBasis.objects.get_or_create(
                regency=regency, kind=kind, number=number, year=year, defaults={"title": title}
            )
            result.count("legal bases", created)
        for acronym, name in AGENCIES[code]:
            agency, created = Agency.objects.get_or_create(regency=regency, name=name, defaults={"acronym": acronym})
            agencies[(code, acronym)] = agency
            result.count("agencies", created)
    return agencies


def _load_innovations(result: DemoResult, agencies: dict[tuple[str, str], Agency]) -> dict[str, Innovation]:
    by_name: dict[str, Innovation] = {}
    for regency, name, kind, dimension, sub, acronym, villages, start, description in INNOVATIONS:
        agency = agencies[(regency, acronym)]
        innovation = Innovation.objects.filter(agency__regency_id=regency, name=name).first()
        result.count("innovations", innovation is None)
        if innovation is None:
            dim = _dimension(dimension)
            innovation = innovation_create(
                name=name,
                kind=kind,
                dimension=dim,
                sub_dimension=SubDimension.objects.get(dimension=dim, code=sub),
                agency=agency,
                status=InnovationStatus.RUNNING,
                start_date=dt.date.fromisoformat(start),
                description=description,
                is_published=True,
                villages=Village.objects.filter(code__in=villages),
            )
        by_name[name] = innovation
    jepin = by_name["Jepin (Jendela Integrasi Pontianak)"]
    InnovationLink.objects.get_or_create(
        innovation=jepin, url="https://jepin.pontianak.go.id/", defaults={"title": "Jepin"}
    )
    return by_name


def _load_kelurahan_pintar(result: DemoResult, agencies: dict[tuple[str, str], Agency]) -> None:
    core = list(Dimension.objects.filter(code__in=CORE_DIMENSIONS))
    for village_code, (acronym, strength) in KELURAHAN_PINTAR.items():
        enrolment, created = KelurahanPintar.objects.get_or_create(
            village_id=village_code,
            defaults={
                "since": KELURAHAN_PINTAR_SINCE,
                "supervising_agency": agencies[("33.75", acronym)],
                "local_strengths": strength,
                "is_published": True,
            },
        )
        if created:
            enrolment.full_clean()
            enrolment.focus_dimensions.set(core)
        result.count("Kelurahan Pintar pilots", created)


def _version(masterplan: Masterplan, number: int, **fields: object) -> tuple[MasterplanVersion, bool]:
    existing = MasterplanVersion.objects.filter(masterplan=masterplan, number=number).first()
    if existing:
        return existing, False
    dimensions = fields.pop("dimension_codes")
    version = masterplan_version_create(
        masterplan=masterplan,
        number=number,
        dimensions=Dimension.objects.filter(code__in=dimensions),  # type: ignore[arg-type]
        **fields,
    )
    return version, True


def _load_masterplans(result: DemoResult, innovations: dict[str, Innovation]) -> None:
    # Kota Pontianak: Perwal 25/2019, Masterplan Smart City 2019–2028.
    pontianak, created = Masterplan.objects.get_or_create(
        regency_id="61.71", defaults={"title": "Masterplan Smart City Kota Pontianak"}
    )
    result.count("masterplans", created)
    version, created = _version(
        pontianak,
        1,
        start_year=2019,
        end_year=2028,
        status=VersionStatus.ENACTED,
        legal_basis=LegalBasis.objects.get(regency_id="61.71", kind="perwal", number="25", year=2019),
        is_published=True,
        dimension_codes=CORE_DIMENSIONS,
    )
    result.count("masterplan versions", created)
    if created:
        Book.objects.filter(version=version).update(status=BookStatus.FINAL)

    # Kota Pekalongan: the first masterplan and its 2025 revision.
    pekalongan, created = Masterplan.objects.get_or_create(
        regency_id="33.75", defaults={"title": "Masterplan Smart City Kota Pekalongan"}
    )
    result.count("masterplans", created)
    first, created = _version(
        pekalongan,
        1,
        start_year=2018,  # assumed: drafted in the year the city joined
        end_year=2027,
        status=VersionStatus.SUPERSEDED,
        is_published=True,
        dimension_codes=CORE_DIMENSIONS,
    )
    result.count("masterplan versions", created)
    if created:
        Book.objects.filter(version=first).update(status=BookStatus.FINAL)
    revision, created = _version(
        pekalongan,
        2,
        start_year=2025,  # assumed: aligned with the new RPJMD
        end_year=2034,
        status=VersionStatus.DRAFTING,
        revision_reason=(
            "Pergantian pemerintah daerah dan RPJMD baru. Program yang masih relevan dipertahankan, masukan "
            "akademisi dan kebijakan perkotaan nasional diakomodasi; lokakarya revisi 23 Oktober 2025. Smart "
            "Disaster Management direncanakan sebagai dimensi tambahan karena kota rawan bencana."
        ),
        is_published=True,
        dimension_codes=["economy", "governance", "society", "living", "environment", "mobility"],
    )
    result.count("masterplan versions", created)
    if created:
        Book.objects.filter(version=revision, number__in=[1, 2]).update(status=BookStatus.DRAFT)
        revision.action_items.create(
            dimension=_dimension("governance"),
            year=2026,
            title="Perluasan Kelurahan Pintar ke seluruh kelurahan",
            target="Semua kelurahan menerapkan konsep Kelurahan Pintar",
        )
        revision.action_items.create(
            dimension=_dimension("economy"),
            year=2026,
            title="Penguatan loka pasar batik digital",
            target="Perajin batik terhubung dengan loka pasar daring",
            innovation=innovations["Loka Pasar Batik lewat WhatsApp"],
        )

    # Kabupaten Pekalongan: drafting in 2024, bimtek stage III of IV on book 2.
    kabupaten, created = Masterplan.objects.get_or_create(
        regency_id="33.26", defaults={"title": "Masterplan Smart City Kabupaten Pekalongan"}
    )
    result.count("masterplans", created)
    draft, created = _version(
        kabupaten,
        1,
        start_year=2025,  # assumed: the ten years after the 2024 drafting
        end_year=2034,
        status=VersionStatus.DRAFTING,
        is_published=True,
        dimension_codes=CORE_DIMENSIONS,
    )
    result.count("masterplan versions", created)
    if created:
        Book.objects.filter(version=draft, number__in=[1, 2]).update(status=BookStatus.DRAFT)
        GuidanceSession.objects.create(
            version=draft,
            stage=3,
            starts_on=dt.date(2024, 7, 30),
            ends_on=dt.date(2024, 7, 31),
            topic="Penajaman draf buku 2: strategi pembangunan, rencana aksi dan peta jalan smart city",
            participants=65,
            institutions=40,
        )
        draft.action_items.create(
            dimension=_dimension("society"),
            year=2025,
            title="KUDU SEKOLAH di seluruh kecamatan",
            target="Anak putus sekolah kembali menuntaskan wajib belajar 12 tahun",
            innovation=innovations["KUDU SEKOLAH"],
        )


def _load_evaluation(result: DemoResult, evaluator: User) -> tuple[Questionnaire, EvaluationPeriod]:
    questionnaire, created = Questionnaire.objects.get_or_create(title=QUESTIONNAIRE_TITLE, version=1)
    result.count("questionnaires", created)
    if created:
        ScaleLevel.objects.bulk_create(
            ScaleLevel(questionnaire=questionnaire, level=level, name=name, descriptor=descriptor)
            for level, name, descriptor in SCALE
        )
        questions = []
        for dimension in Dimension.objects.filter(code__in=CORE_DIMENSIONS).order_by("order"):
            subs = list(SubDimension.objects.filter(dimension=dimension).order_by("order"))
            for index, (component, answer_type, evidence, template) in enumerate(QUESTION_TEMPLATES):
                questions.append(
                    Question(
                        questionnaire=questionnaire,
                        number=len(questions) + 1,
                        text=template.format(dimension=dimension.name),
                        dimension=dimension,
                        # assumed: the questions spread over the dimension's sub-dimensions in order
                        sub_dimension=subs[index % len(subs)] if subs else None,
                        component=component,
                        answer_type=answer_type,
                        evidence_required=evidence,
                    )
                )
        Question.objects.bulk_create(questions)

    today = timezone.localdate()
    semester = Semester.SECOND if today.month >= 7 else Semester.FIRST
    period, created = EvaluationPeriod.objects.get_or_create(
        year=today.year,
        semester=semester,
        stage=1,
        defaults={
            "opens_on": today - dt.timedelta(days=14),
            "due_on": today + dt.timedelta(days=14),
            "review_due_on": today + dt.timedelta(days=28),
            "questionnaire": questionnaire,
        },
    )
    result.count("evaluation periods", created)
    for code in DEMO_REGENCIES:
        submission, created = Submission.objects.get_or_create(period=period, regency_id=code)
        if created:
            submission.evaluators.add(evaluator)
        result.count("submissions", created)
    return questionnaire, period


# --- A realistic evaluation cycle ---------------------------------------------------------------
# Assumed (the sources give dates and quick wins, not scores): the previous semester of Kota Pekalongan and
# Kota Pontianak was reviewed and published with scores in the range real regions get (about 3.0–3.5), with
# findings written from the quick wins and innovations the sources name; in the current period Kota Pekalongan
# has submitted its self-assessment and waits for review. The steps go through the workflow service, so the
# status history, revision round and signals are the real ones.

# region -> (base level, dimension codes a level higher, evidence link); levels vary per question around the base
DEMO_SCORING = {
    "33.75": (3, {"governance", "economy"}, "https://pekalongankota.go.id/"),  # assumed official portal
    "61.71": (3, {"governance", "living", "society"}, "https://jepin.pontianak.go.id/"),
}
DEMO_FINDINGS = {
    "33.75": [
        (
            "governance",
            "strength",
            "Aplikasi Sakpore di DPMPTSP mempercepat layanan perizinan.",
        ),
        (
            "economy",
            "strength",
            "Loka pasar batik lewat WhatsApp menghubungkan perajin dengan pembeli.",
        ),
        ("living", "weakness", "Dampak percepatan vaksinasi di Puskesmas Sokorejo belum diukur."),
        ("environment", "recommendation", "Replikasi MCK adaptif Kelurahan Bandengan ke kelurahan rawan rob lainnya."),
        ("governance", "recommendation", "Integrasikan data layanan antar-OPD ke dalam satu dasbor kota."),
    ],
    "61.71": [
        (
            "governance",
            "strength",
            "Pionirs memudahkan layanan adminduk; Jepin menyatukan aplikasi kota.",
        ),
        ("living", "strength", "PSC 119 memberi layanan kegawatdaruratan yang terpadu."),
        ("branding", "weakness", "Promosi Kawasan Wisata Bansir Laut belum didukung data kunjungan."),
        (
            "society",
            "recommendation",
            "Perluas Kampung Literasi Selamat ke kecamatan lain.",
        ),
    ],
}


AGREE = "Sesuai bukti dukung."
DISAGREE = "Bukti dukung belum menunjukkan tingkat ini."


def _demo_level(base: int, boost: bool, number: int, offset: int) -> int:
    """A level 1–5 that varies by question, so dimension scores differ like real ones."""
    level = (
        base + (1 if boost else 0) + (1 if (number + offset) % 7 == 0 else 0) - (1 if (number + offset) % 5 == 0 else 0)
    )
    return max(1, min(5, level))


def _demo_fill(submission: Submission, staff: User, *, offset: int) -> None:
    base, boosted, link = DEMO_SCORING[submission.regency_id]
    for question in submission.period.questionnaire.questions.select_related("dimension").order_by("number"):
        level = _demo_level(base, question.dimension.code in boosted, question.number, offset)
        if question.answer_type == AnswerType.YES_NO:
            evaluation_services.answer_save(
                user=staff, submission=submission, question=question, value="yes", explanation="Sudah berjalan."
            )
        else:
            evaluation_services.answer_save(
                user=staff,
                submission=submission,
                question=question,
                level=level,
                explanation=f"Penilaian mandiri {question.dimension.name}: tingkat {level}.",
            )
        if question.evidence_required:
            evaluation_services.evidence_add(
                user=staff, submission=submission, question=question, title="Bukti dukung (tautan)", url=link
            )


def _load_evaluation_cycle(
    result: DemoResult, questionnaire: Questionnaire, current: EvaluationPeriod, users: dict[str, User]
) -> None:
    evaluator, admin = users["evaluator"], users["admin.nasional"]
    staff = {"33.75": users["staf.kotapekalongan"], "61.71": users["staf.pontianak"]}
    if current.semester == Semester.SECOND:
        year, semester = current.year, Semester.FIRST
    else:
        year, semester = current.year - 1, Semester.SECOND
    opens = current.opens_on - dt.timedelta(days=160)  # assumed: about five months earlier
    previous, created = EvaluationPeriod.objects.get_or_create(
        year=year,
        semester=semester,
        stage=1,
        defaults={
            "opens_on": opens,
            "due_on": opens + dt.timedelta(days=30),
            "review_due_on": opens + dt.timedelta(days=45),
            "questionnaire": questionnaire,
        },
    )
    result.count("evaluation periods", created)
    if created:
        for offset, code in enumerate(("33.75", "61.71")):
            submission = Submission.objects.create(period=previous, regency_id=code)
            submission.evaluators.add(evaluator)
            result.count("submissions", True)
            _demo_fill(submission, staff[code], offset=offset)
            evaluation_services.submit(user=staff[code], submission=submission)
            evaluation_services.start_review(user=evaluator, submission=submission)
            if code == "33.75":
                # A revision round: the first output question lacked convincing evidence.
                first = submission.answers.filter(question__component=Component.OUTPUT).order_by("question__number")[0]
                evaluation_services.request_revision(
                    user=evaluator,
                    submission=submission,
                    due_on=timezone.localdate(),
                    questions=[first.question_id],
                    note="Lengkapi bukti kebijakan dan anggaran (Perwal, DPA).",
                )
                evaluation_services.answer_save(
                    user=staff[code],
                    submission=submission,
                    question=first.question,
                    level=first.self_score,
                    explanation="Perwal dan DPA dilampirkan.",
                )
                evaluation_services.resubmit(user=staff[code], submission=submission)
                evaluation_services.start_review(user=evaluator, submission=submission)
            for answer in submission.answers.select_related("question", "submission"):
                # Assessed: the evaluator mostly agrees, one level lower where the question number is a multiple of 4.
                assessed = answer.self_score if answer.self_score is not None else None
                if assessed is not None and answer.question.number % 4 == 0:
                    assessed = max(1, assessed - 1)
                evaluation_services.answer_assess(
                    user=evaluator,
                    answer=answer,
                    score=assessed,
                    comment="Sesuai bukti dukung."
                    if assessed == answer.self_score
                    else "Bukti belum menunjukkan tingkat ini.",
                )
            dimensions = {d.code: d for d in Dimension.objects.filter(code__in=CORE_DIMENSIONS)}
            for dimension_code, kind, text in DEMO_FINDINGS[code]:
                evaluation_services.finding_add(
                    user=evaluator, submission=submission, dimension=dimensions[dimension_code], kind=kind, text=text
                )
            evaluation_services.accept(user=evaluator, submission=submission)
            evaluation_services.publish(user=admin, submission=submission)
        previous.closed_at = timezone.now()
        previous.save(update_fields=["closed_at"])

    # The current period: Kota Pekalongan has submitted and waits for review.
    pekalongan = Submission.objects.get(period=current, regency_id="33.75")
    if pekalongan.status == SubmissionStatus.DRAFT and not pekalongan.answers.exists():
        _demo_fill(pekalongan, staff["33.75"], offset=2)
        evaluation_services.submit(user=staff["33.75"], submission=pekalongan)


def _load_users(result: DemoResult, agencies: dict[tuple[str, str], Agency]) -> dict[str, User]:
    users: dict[str, User] = {}
    for username, role, regency, acronym, village, first, last in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if user is None:
            user = User(
                username=username,
                role=role,
                regency_id=regency if role == Role.REGENCY_STAFF else None,
                agency=agencies[(regency, acronym)] if acronym else None,
                village_id=village,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.smartcity.localhost",
                is_staff=True,
            )
            user.set_password(DEMO_PASSWORD)
            user.full_clean()
            user.save()
            user_sync_role_group(user=user)
        users[username] = user
        result.count("users", created)
        result.logins.append((username, DEMO_PASSWORD, role.label))
    return users


@transaction.atomic
def demo_load() -> DemoResult:
    """Load the three demo regions' programmes; the areas must be imported first."""
    missing = [code for code in DEMO_REGENCIES if not Regency.objects.filter(code=code).exists()]
    if missing:
        raise LookupError(", ".join(missing))
    result = DemoResult()
    agencies = _load_regions(result)
    innovations = _load_innovations(result, agencies)
    _load_kelurahan_pintar(result, agencies)
    _load_masterplans(result, innovations)
    users = _load_users(result, agencies)
    questionnaire, period = _load_evaluation(result, users["evaluator"])
    _load_evaluation_cycle(result, questionnaire, period, users)
    return result
