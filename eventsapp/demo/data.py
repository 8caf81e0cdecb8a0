"""The demo summit's content: plain data, loaded by eventsapp.demo.loader."""

WESTERN_STATES = [
    "Alaska", "Arizona", "California", "Colorado", "Hawaii", "Idaho", "Montana", "Nevada",
    "New Mexico", "North Dakota", "Oregon", "South Dakota", "Utah", "Washington", "Wyoming",
]
PACIFIC_TERRITORIES = ["American Samoa", "Guam", "Northern Mariana Islands"]
MEXICAN_STATES = ["Baja California", "Sonora", "Chihuahua", "Nuevo León", "Jalisco", "Querétaro"]

# (jurisdiction, seat quota) of each delegation; "FGR" is the Mexican federal office.
DELEGATIONS = [
    ("Arizona", 8), ("California", 10), ("Nevada", 6), ("New Mexico", 6), ("Guam", 4),
    ("Sonora", 8), ("Baja California", 8), ("Chihuahua", 6), ("Nuevo León", 6),
]

GIVEN_NAMES = [
    "José", "María", "Begoña", "Iñaki", "Ramón", "Sofía", "Raúl", "Lucía", "Inés", "Andrés",
    "Héctor", "Mónica", "Jesús", "Verónica", "Óscar", "Adrián", "Noemí", "Joaquín", "Zoë",
    "Renée", "Chloé", "Jürgen", "Siobhán", "Tomás", "Ángela", "Rubén", "Estéfani", "Ximena",
]
FAMILY_NAMES = [
    "Núñez", "Peña", "Ibáñez", "Güereca", "Zúñiga", "Muñoz", "Álvarez", "Gómez", "Hernández",
    "Sánchez", "Martínez", "Pérez", "Rodríguez", "Díaz", "López", "Müller", "Castañeda",
    "Ordóñez", "Báez", "Valdés", "Aguilar", "Cortés", "Ríos", "Montaño", "Saldaña", "Chávez",
]
POSITIONS = [
    ("Attorney General", "Fiscal General"),
    ("Chief Deputy Attorney General", "Fiscal Adjunto"),
    ("Assistant Attorney General", "Fiscal Auxiliar"),
    ("Special Agent", "Agente Especial"),
    ("Financial Crimes Analyst", "Analista de Delitos Financieros"),
    ("Victim Services Coordinator", "Coordinadora de Atención a Víctimas"),
]

SPEAKERS = [
    ("Hon.", "Adriana", "Céspedes Ruíz", "Fiscalía General de la República",
     "Adriana Céspedes leads the FGR's special unit against trafficking in persons.",
     "Adriana Céspedes dirige la unidad especial de la FGR contra la trata de personas."),
    ("Dr.", "Thomas", "O'Brien", "U.S. Department of Justice",
     "Thomas O'Brien coordinates financial investigations along the southwest border.",
     "Thomas O'Brien coordina investigaciones financieras en la frontera suroeste."),
    ("Mtra.", "Lucía", "Domínguez", "Fiscalía General del Estado de Sonora",
     "Lucía Domínguez prosecutes organised crime and money laundering cases in Sonora.",
     "Lucía Domínguez persigue casos de delincuencia organizada y lavado de dinero en Sonora."),
    ("Ms.", "Keʻala", "Kahananui", "Office of the Attorney General of Hawaii",
     "Keʻala Kahananui heads Hawaii's anti-trafficking task force.",
     "Keʻala Kahananui encabeza el grupo especial contra la trata de Hawái."),
    ("Mr.", "Joaquín", "Ibarra Peña", "Unidad de Inteligencia Financiera",
     "Joaquín Ibarra analyses cross-border financial flows at Mexico's FIU.",
     "Joaquín Ibarra analiza flujos financieros transfronterizos en la UIF de México."),
    ("Hon.", "Rebecca", "Lindqvist", "Office of the Attorney General of Arizona",
     "Rebecca Lindqvist has led Arizona's border crimes unit for a decade.",
     "Rebecca Lindqvist ha dirigido la unidad de delitos fronterizos de Arizona por una década."),
    ("Dra.", "Mónica", "Saldívar", "Centro de Estudios sobre Justicia, UNAM",
     "Mónica Saldívar researches victim-centred approaches to prosecution.",
     "Mónica Saldívar investiga enfoques centrados en las víctimas para la persecución penal."),
    ("Mr.", "Daniel", "Whitehorse", "Office of the Attorney General of New Mexico",
     "Daniel Whitehorse works on trafficking cases affecting tribal communities.",
     "Daniel Whitehorse trabaja en casos de trata que afectan a comunidades tribales."),
    ("Lic.", "Raúl", "Güémez", "Fiscalía General del Estado de Baja California",
     "Raúl Güémez coordinates investigations with U.S. counterparts in Tijuana.",
     "Raúl Güémez coordina investigaciones con contrapartes estadounidenses en Tijuana."),
    ("Ms.", "Grace", "Taitano", "Office of the Attorney General of Guam",
     "Grace Taitano prosecutes labour trafficking cases in the Pacific.",
     "Grace Taitano persigue casos de trata laboral en el Pacífico."),
    ("Dr.", "Sören", "Åkesson", "UNODC",
     "Sören Åkesson advises governments on anti-money-laundering frameworks.",
     "Sören Åkesson asesora a gobiernos sobre marcos contra el lavado de dinero."),
]

# (day, start "HH:MM", minutes, room index or None for all rooms, kind, track index,
#  title_en, title_es, language, speaker indexes with roles)
AGENDA = [
    (0, "08:00", 60, 0, "other", None, "Registration and breakfast", "Registro y desayuno", "bilingual", []),
    (0, "09:00", 60, 0, "plenary", 2, "Opening plenary: a shared border, shared cases",
     "Plenaria inaugural: una frontera compartida, casos compartidos", "bilingual",
     [(0, "speaker"), (5, "speaker"), (1, "moderator")]),
    (0, "10:00", 30, 0, "break", None, "Coffee break", "Pausa para café", "bilingual", []),
    (0, "10:30", 90, 0, "panel", 0, "Following the victims: identification and protection",
     "Siguiendo a las víctimas: identificación y protección", "en", [(6, "panelist"), (3, "panelist"), (9, "moderator")]),
    (0, "10:30", 90, 1, "workshop", 1, "Workshop: tracing funds through money service businesses",
     "Taller: rastreo de fondos en transmisores de dinero", "es", [(4, "speaker")]),
    (0, "10:30", 90, 2, "panel", 2, "Extraditions and mutual legal assistance",
     "Extradiciones y asistencia jurídica mutua", "bilingual", [(8, "panelist"), (2, "panelist"), (1, "moderator")]),
    (0, "12:00", 90, 0, "meal", None, "Lunch", "Comida", "bilingual", []),
    (0, "13:30", 90, 0, "panel", 1, "Trade-based money laundering at ports of entry",
     "Lavado de dinero basado en el comercio en los puertos de entrada", "en", [(1, "speaker"), (10, "panelist")]),
    (0, "13:30", 90, 1, "workshop", 0, "Workshop: interviewing survivors with interpreters",
     "Taller: entrevistas a sobrevivientes con intérpretes", "bilingual", [(6, "speaker"), (3, "speaker")]),
    (0, "15:00", 30, 0, "break", None, "Coffee break", "Pausa para café", "bilingual", []),
    (0, "15:30", 90, 0, "panel", 0, "Labour trafficking in the Pacific territories",
     "Trata laboral en los territorios del Pacífico", "en", [(9, "speaker"), (7, "panelist")]),
    (0, "15:30", 90, 2, "workshop", 1, "Workshop: cryptocurrency tracing for prosecutors",
     "Taller: rastreo de criptomonedas para fiscales", "en", [(10, "speaker")]),
    (0, "18:30", 120, 0, "reception", None, "Welcome reception", "Recepción de bienvenida", "bilingual", []),
    (1, "08:30", 30, 0, "other", None, "Breakfast", "Desayuno", "bilingual", []),
    (1, "09:00", 60, 0, "plenary", 1, "Plenary: financial intelligence without borders",
     "Plenaria: inteligencia financiera sin fronteras", "bilingual", [(4, "speaker"), (1, "speaker"), (2, "moderator")]),
    (1, "10:00", 30, 0, "break", None, "Coffee break", "Pausa para café", "bilingual", []),
    (1, "10:30", 90, 0, "panel", 0, "Tribal and rural communities: closing the gaps",
     "Comunidades tribales y rurales: cerrar las brechas", "en", [(7, "panelist"), (6, "panelist"), (5, "moderator")]),
    (1, "10:30", 90, 1, "workshop", 2, "Workshop: joint investigation teams in practice",
     "Taller: equipos conjuntos de investigación en la práctica", "es", [(8, "speaker"), (2, "speaker")]),
    (1, "12:00", 90, 0, "meal", None, "Lunch", "Comida", "bilingual", []),
    (1, "13:30", 90, 0, "panel", 2, "Asset forfeiture and restitution for victims",
     "Decomiso de bienes y reparación a las víctimas", "bilingual", [(5, "panelist"), (0, "panelist"), (4, "moderator")]),
    (1, "13:30", 90, 2, "workshop", 1, "Workshop: reading suspicious activity reports",
     "Taller: lectura de reportes de operaciones sospechosas", "en", [(1, "speaker")]),
    (1, "15:00", 60, 0, "plenary", 2, "Closing plenary and joint declaration",
     "Plenaria de clausura y declaración conjunta", "bilingual", [(0, "speaker"), (5, "speaker")]),
]
