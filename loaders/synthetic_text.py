"""Words of synthetic plans: RPJMD misi, tujuan and sasaran, OPD names, where bidang belong.

Every pemda gets the same 5 misi, 12 tujuan and 25 sasaran (``S<misi>.<tujuan>.<n>``); the
programs of a bidang go under the sasaran that :data:`BIDANG_SASARAN` names.

Examples
--------
>>> len(MISI), sum(len(t.sasaran) for m in MISI for t in m.tujuan)
(5, 25)
>>> sum(len(m.tujuan) for m in MISI), GOVERNANCE
(12, 'S4.1.1')
>>> BIDANG_SASARAN["1.02"]
('S1.1.1', 'S1.1.2')
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BIDANG_SASARAN",
    "DINAS",
    "GOVERNANCE",
    "KECAMATAN_HEADS",
    "KECAMATAN_TAILS",
    "MISI",
    "Dinas",
    "Goal",
    "Misi",
    "Tujuan",
]


@dataclass(frozen=True)
class Goal:
    """A tujuan or sasaran text with its indicator: satuan, kondisi awal, yearly step."""

    nama: str
    indikator: str
    satuan: str
    awal: float
    step: float


@dataclass(frozen=True)
class Tujuan:
    goal: Goal
    sasaran: tuple[Goal, ...]


@dataclass(frozen=True)
class Misi:
    nama: str
    tujuan: tuple[Tujuan, ...]


@dataclass(frozen=True)
class Dinas:
    """An OPD that is not a kecamatan: its name and bidang (the first is its main bidang)."""

    nama: str
    bidang: tuple[str, ...]
    core: bool = False


def _g(nama: str, indikator: str, satuan: str, awal: float, step: float) -> Goal:
    return Goal(nama, indikator, satuan, awal, step)


MISI = (
    Misi(
        "Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berkarakter",
        (
            Tujuan(
                _g("Meningkatkan derajat kesehatan masyarakat", "Usia Harapan Hidup", "tahun",
                   71.2, 0.15),
                (
                    _g("Meningkatnya kualitas pelayanan kesehatan masyarakat",
                       "Persentase fasilitas kesehatan terakreditasi", "%", 62, 5),
                    _g("Menurunnya prevalensi stunting pada balita",
                       "Prevalensi stunting balita", "%", 18.6, -1.5),
                ),
            ),
            Tujuan(
                _g("Meningkatkan akses dan mutu pendidikan", "Rata-rata lama sekolah", "tahun",
                   8.1, 0.12),
                (
                    _g("Meningkatnya akses dan mutu pendidikan dasar",
                       "Angka partisipasi murni SMP", "%", 78.4, 1),
                    _g("Meningkatnya kualitas pendidik dan tenaga kependidikan",
                       "Persentase guru bersertifikat pendidik", "%", 71, 3),
                ),
            ),
            Tujuan(
                _g("Meningkatkan kualitas keluarga, pemuda dan kebudayaan",
                   "Indeks Pembangunan Gender", "nilai", 88.5, 0.5),
                (
                    _g("Meningkatnya pemberdayaan perempuan dan perlindungan anak",
                       "Indeks Pemberdayaan Gender", "nilai", 62, 1),
                    _g("Meningkatnya prestasi pemuda, olahraga dan pelestarian budaya",
                       "Jumlah medali olahraga tingkat provinsi", "medali", 12, 3),
                ),
            ),
        ),
    ),
    Misi(
        "Mewujudkan infrastruktur yang berkualitas, merata dan berwawasan lingkungan",
        (
            Tujuan(
                _g("Meningkatkan kualitas infrastruktur dasar",
                   "Persentase infrastruktur dasar dalam kondisi baik", "%", 70, 3),
                (
                    _g("Meningkatnya kualitas jaringan jalan dan jembatan",
                       "Persentase panjang jalan dalam kondisi mantap", "%", 68, 3),
                    _g("Meningkatnya cakupan layanan air minum dan sanitasi layak",
                       "Persentase rumah tangga dengan akses air minum layak", "%", 82, 2.5),
                    _g("Meningkatnya kualitas perumahan dan kawasan permukiman",
                       "Persentase rumah layak huni", "%", 74, 2),
                ),
            ),
            Tujuan(
                _g("Mewujudkan lingkungan hidup dan tata ruang yang berkelanjutan",
                   "Indeks Kualitas Lingkungan Hidup", "nilai", 66.5, 0.5),
                (
                    _g("Meningkatnya kualitas lingkungan hidup", "Indeks Kualitas Air", "nilai",
                       55, 1),
                    _g("Meningkatnya keterpaduan transportasi dan pemanfaatan ruang",
                       "Persentase kesesuaian pemanfaatan ruang terhadap RTRW", "%", 76, 2),
                ),
            ),
        ),
    ),
    Misi(
        "Meningkatkan perekonomian daerah yang berdaya saing dan inklusif",
        (
            Tujuan(
                _g("Meningkatkan pertumbuhan ekonomi daerah", "Laju pertumbuhan ekonomi", "%",
                   5.1, 0.1),
                (
                    _g("Meningkatnya produktivitas pertanian dan perikanan", "Nilai tukar petani",
                       "nilai", 101.2, 0.5),
                    _g("Meningkatnya ketahanan pangan daerah", "Skor Pola Pangan Harapan",
                       "nilai", 84, 1),
                ),
            ),
            Tujuan(
                _g("Meningkatkan daya saing usaha dan investasi", "Nilai investasi",
                   "miliar rupiah", 850, 50),
                (
                    _g("Meningkatnya daya saing koperasi, UMKM dan industri",
                       "Pertumbuhan jumlah UMKM", "%", 4.5, 0.25),
                    _g("Meningkatnya realisasi investasi dan perdagangan", "Realisasi investasi",
                       "miliar rupiah", 820, 60),
                ),
            ),
            Tujuan(
                _g("Meningkatkan kesempatan kerja dan pariwisata",
                   "Tingkat pengangguran terbuka", "%", 5.8, -0.2),
                (
                    _g("Meningkatnya penyerapan tenaga kerja dan kunjungan wisata",
                       "Jumlah kunjungan wisatawan", "orang", 412000, 20000),
                ),
            ),
        ),
    ),
    Misi(
        "Mewujudkan tata kelola pemerintahan yang bersih, efektif dan akuntabel",
        (
            Tujuan(
                _g("Meningkatkan akuntabilitas dan kualitas tata kelola pemerintahan",
                   "Indeks Reformasi Birokrasi", "nilai", 62.5, 2),
                (
                    _g("Meningkatnya akuntabilitas kinerja dan tata kelola pemerintahan",
                       "Nilai SAKIP Pemerintah Daerah", "nilai", 64, 2),
                    _g("Meningkatnya kualitas pelayanan publik", "Indeks Kepuasan Masyarakat",
                       "nilai", 78, 1),
                    _g("Meningkatnya kualitas pengelolaan keuangan dan aset daerah",
                       "Persentase rekomendasi BPK yang ditindaklanjuti", "%", 80, 3),
                ),
            ),
            Tujuan(
                _g("Meningkatkan kualitas perencanaan dan pelayanan kewilayahan",
                   "Persentase capaian indikator kinerja utama daerah", "%", 80, 3),
                (
                    _g("Meningkatnya kualitas dan konsistensi perencanaan pembangunan daerah",
                       "Persentase konsistensi program RPJMD dalam RKPD", "%", 85, 2),
                    _g("Meningkatnya kualitas pelayanan kewilayahan di kecamatan",
                       "Indeks kepuasan layanan kecamatan", "nilai", 76, 1),
                    _g("Meningkatnya kualitas informasi publik dan administrasi kependudukan",
                       "Persentase penduduk wajib KTP yang memiliki KTP-el", "%", 94, 1),
                ),
            ),
        ),
    ),
    Misi(
        "Meningkatkan kesejahteraan sosial, ketenteraman dan ketertiban masyarakat",
        (
            Tujuan(
                _g("Menurunkan kemiskinan dan ketimpangan", "Persentase penduduk miskin", "%",
                   9.8, -0.4),
                (
                    _g("Meningkatnya perlindungan dan rehabilitasi sosial bagi kelompok rentan",
                       "Persentase PMKS yang tertangani", "%", 55, 5),
                    _g("Meningkatnya keberdayaan masyarakat desa", "Jumlah desa mandiri", "desa",
                       12, 4),
                ),
            ),
            Tujuan(
                _g("Meningkatkan ketenteraman, ketertiban dan kerukunan masyarakat",
                   "Indeks kerukunan umat beragama", "nilai", 72, 1),
                (
                    _g("Meningkatnya ketenteraman, ketertiban umum dan penanggulangan bencana",
                       "Persentase penegakan Perda yang tuntas", "%", 80, 3),
                ),
            ),
        ),
    ),
)  # fmt: skip

GOVERNANCE = "S4.1.1"  # where every program penunjang belongs

BIDANG_SASARAN: dict[str, tuple[str, ...]] = {
    "1.01": ("S1.2.1", "S1.2.2"), "1.02": ("S1.1.1", "S1.1.2"),
    "1.03": ("S2.1.1", "S2.1.2", "S2.2.2"), "1.04": ("S2.1.3",), "1.05": ("S5.2.1",),
    "1.06": ("S5.1.1",), "2.07": ("S3.3.1",), "2.08": ("S1.3.1",), "2.09": ("S3.1.2",),
    "2.10": ("S2.1.3",), "2.11": ("S2.2.1",), "2.12": ("S4.2.3",), "2.13": ("S5.1.2",),
    "2.14": ("S1.1.2", "S1.3.1"), "2.15": ("S2.2.2",), "2.16": ("S4.2.3",), "2.17": ("S3.2.1",),
    "2.18": ("S3.2.2",), "2.19": ("S1.3.2",), "2.20": ("S4.2.1",), "2.21": ("S4.2.3",),
    "2.22": ("S1.3.2",), "2.23": ("S1.2.1",), "2.24": ("S4.1.2",), "3.25": ("S3.1.1",),
    "3.26": ("S3.3.1",), "3.27": ("S3.1.1", "S3.1.2"), "3.28": ("S2.2.1",), "3.29": ("S2.1.2",),
    "3.30": ("S3.2.2",), "3.31": ("S3.2.1",), "3.32": ("S3.3.1",), "4.01": ("S4.1.2",),
    "4.02": ("S4.1.1",), "5.01": ("S4.2.1",), "5.02": ("S4.1.3",), "5.03": ("S4.1.1",),
    "5.04": ("S4.1.1",), "5.05": ("S4.2.1",), "6.01": ("S4.1.3",), "8.01": ("S5.2.1",),
    "7.01": ("S4.2.2", "S5.1.2", "S5.2.1"),
}  # fmt: skip

DINAS = (
    Dinas("Dinas Pendidikan", ("1.01",), core=True),
    Dinas("Dinas Kesehatan", ("1.02",), core=True),
    Dinas("Dinas Pekerjaan Umum dan Penataan Ruang", ("1.03",), core=True),
    Dinas("Dinas Perumahan, Kawasan Permukiman dan Pertanahan", ("1.04", "2.10")),
    Dinas("Satuan Polisi Pamong Praja", ("1.05",)),
    Dinas("Dinas Sosial", ("1.06",), core=True),
    Dinas("Dinas Tenaga Kerja dan Transmigrasi", ("2.07", "3.32")),
    Dinas("Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
          "Perlindungan Anak", ("2.14", "2.08")),
    Dinas("Dinas Ketahanan Pangan dan Pertanian", ("2.09", "3.27")),
    Dinas("Dinas Lingkungan Hidup", ("2.11",)),
    Dinas("Dinas Kependudukan dan Pencatatan Sipil", ("2.12",)),
    Dinas("Dinas Pemberdayaan Masyarakat dan Desa", ("2.13",)),
    Dinas("Dinas Perhubungan", ("2.15",)),
    Dinas("Dinas Komunikasi, Informatika, Statistik dan Persandian", ("2.16", "2.20", "2.21")),
    Dinas("Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan",
          ("2.17", "3.31", "3.30")),
    Dinas("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", ("2.18",)),
    Dinas("Dinas Pariwisata, Kepemudaan, Olahraga dan Kebudayaan", ("3.26", "2.19", "2.22")),
    Dinas("Dinas Perpustakaan dan Kearsipan", ("2.23", "2.24")),
    Dinas("Dinas Perikanan", ("3.25",)),
    Dinas("Sekretariat Daerah", ("4.01",), core=True),
    Dinas("Sekretariat DPRD", ("4.02",)),
    Dinas("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", ("5.01", "5.05"),
          core=True),
    Dinas("Badan Pengelolaan Keuangan dan Aset Daerah", ("5.02",), core=True),
    Dinas("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", ("5.03", "5.04")),
    Dinas("Inspektorat Daerah", ("6.01",), core=True),
    Dinas("Badan Kesatuan Bangsa dan Politik", ("8.01",)),
)  # fmt: skip

KECAMATAN_HEADS = (
    "Suka", "Karang", "Sumber", "Sido", "Mekar", "Cipta", "Wono", "Kali", "Tegal", "Bumi",
    "Tanjung ", "Muara ", "Batu ", "Talang ", "Sungai ", "Bukit ", "Pasir ", "Padang ", "Lubuk ",
)  # fmt: skip
KECAMATAN_TAILS = (
    "maju", "jaya", "mulya", "sari", "harjo", "baru", "indah", "makmur", "asri", "agung", "raya",
    "rejo", "mukti", "wangi",
)  # fmt: skip
