"""The national dimension catalogue, as loaded by the data migration.

Kept as plain data so the migration and the tests read the same source. Sub-
dimensions are the three of each core dimension in the national evaluation;
the two extra dimensions (Mobility, Disaster Management) have none nationally.
"""

from __future__ import annotations

# (code, name id, name en, description id, description en, order, is_core, [(code, name id, name en)])
DIMENSIONS: list[tuple[str, str, str, str, str, int, bool, list[tuple[str, str, str]]]] = [
    (
        "governance",
        "Smart Governance",
        "Smart Governance",
        "Tata kelola pemerintahan yang efisien: layanan publik yang cepat dan mudah, kebijakan berbasis data, "
        "birokrasi yang melayani.",
        "Efficient government: quick and easy public services, data-driven policy, a bureaucracy that serves.",
        1,
        True,
        [
            ("public-services", "Pelayanan Publik", "Public services"),
            ("public-policy", "Kebijakan Publik", "Public policy"),
            ("bureaucracy", "Manajemen Birokrasi", "Bureaucracy"),
        ],
    ),
    (
        "branding",
        "Smart Branding",
        "Smart Branding",
        "Identitas dan citra daerah: promosi wisata, iklim usaha, dan wajah kota yang menarik.",
        "The region's identity and image: tourism promotion, a business climate, an attractive city.",
        2,
        True,
        [
            ("tourism", "Pariwisata", "Tourism"),
            ("business", "Bisnis", "Business"),
            ("city-appearance", "Wajah Kota", "City appearance"),
        ],
    ),
    (
        "economy",
        "Smart Economy",
        "Smart Economy",
        "Ekonomi daerah yang tumbuh: industri dan UMKM, ekonomi digital, kewirausahaan, kesejahteraan warga.",
        "A growing local economy: industry and small business, the digital economy, entrepreneurship, welfare.",
        3,
        True,
        [
            ("industry", "Industri", "Industry"),
            ("welfare", "Kesejahteraan Rakyat", "Welfare"),
            ("transactions", "Ekosistem Transaksi Keuangan", "Transactions"),
        ],
    ),
    (
        "living",
        "Smart Living",
        "Smart Living",
        "Kualitas hidup warga: kesehatan, fasilitas umum, ruang yang selaras, dan mobilitas yang layak.",
        "Quality of life: health, public facilities, a harmonious living space and decent mobility.",
        4,
        True,
        [
            ("harmony", "Harmonisasi Wilayah", "Harmony"),
            ("health", "Kesehatan", "Health"),
            ("mobility", "Mobilitas", "Mobility"),
        ],
    ),
    (
        "society",
        "Smart Society",
        "Smart Society",
        "Masyarakat yang berdaya: komunitas yang aktif, pendidikan yang terbuka, lingkungan yang aman.",
        "An empowered society: active communities, open education, safe neighbourhoods.",
        5,
        True,
        [
            ("community", "Komunitas", "Community"),
            ("education", "Ekosistem Belajar", "Education"),
            ("security", "Keamanan", "Security"),
        ],
    ),
    (
        "environment",
        "Smart Environment",
        "Smart Environment",
        "Pengelolaan lingkungan yang berkelanjutan: perlindungan alam, pengolahan sampah dan limbah, energi.",
        "Sustainable environmental management: protecting nature, handling waste, energy.",
        6,
        True,
        [
            ("protection", "Proteksi Lingkungan", "Environmental protection"),
            ("waste", "Tata Kelola Sampah dan Limbah", "Waste"),
            ("energy", "Tata Kelola Energi", "Energy"),
        ],
    ),
    (
        "mobility",
        "Smart Mobility",
        "Smart Mobility",
        "Pergerakan orang dan barang yang lancar, aman dan terjangkau; dimensi tambahan pilihan daerah.",
        "Moving people and goods smoothly, safely and affordably; an extra dimension a region may add.",
        7,
        False,
        [],
    ),
    (
        "disaster-management",
        "Smart Disaster Management",
        "Smart Disaster Management",
        "Kesiapsiagaan dan tanggap bencana berbasis data; dimensi tambahan bagi daerah yang rawan bencana.",
        "Data-driven disaster preparedness and response; an extra dimension for regions prone to disasters.",
        8,
        False,
        [],
    ),
]
