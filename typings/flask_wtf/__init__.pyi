# Flask-WTF 1.3: only the names eventsapp uses.
from .csrf import CSRFProtect as CSRFProtect
from .form import FlaskForm as FlaskForm
