// One bundle for the whole Windows lane, so node.exe starts once.
import './lane-wine'
import './lane-standin'
import './lane-standin-persistent'
import './lane-real'
import './lane-worker'
