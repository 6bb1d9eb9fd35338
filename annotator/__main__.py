import sys

from annotator.launcher import main

sys.exit(main())
