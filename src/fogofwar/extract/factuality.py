"""Factuality cues shared by events and claims: is a clause asserted, hedged, hypothetical,
predicted or denied?

The cues are read from the dependency parse around one trigger token (its auxiliaries,
negation, the verbs it hangs under) and from hedging phrases in its sentence, so that
"reportedly killed", "did not attack", "may unleash", "will retake" and "denied shelling"
each get their own reading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fogofwar.models import Factuality

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

HEDGE_ADVERBS = frozenset({
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "presumably", "possibly",
    "probably", "perhaps", "maybe", "likely", "seemingly", "ostensibly",
})
HEDGE_VERBS = frozenset({"claim", "allege", "rumour", "rumor", "suspect", "believe", "suggest", "assert"})
DENY_VERBS = frozenset({"deny", "reject", "dismiss", "refute"})
MODALS = frozenset({"may", "might", "could", "would", "should", "can", "must"})
FUTURE = frozenset({"will", "shall", "'ll", "wo"})
# verbs whose infinitive complement is not (yet) a fact: "plans to retake", "threatened to shell"
INTENT_VERBS = frozenset({
    "plan", "intend", "threaten", "vow", "promise", "pledge", "prepare", "aim", "hope", "want",
    "expect", "seek", "try", "attempt", "propose", "offer", "mean", "set", "decide", "agree", "refuse",
    "prefer", "wish", "need", "predict", "warn", "urge", "call",
})
PREDICT_INTENT = frozenset({"plan", "intend", "vow", "promise", "pledge", "prepare", "aim", "expect", "set",
                            "decide", "predict", "threaten", "warn"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "nt"})
_HEDGE_PHRASES = re.compile(
    r"(?:could|can|cannot|can't) not be (?:independently )?(?:confirmed|verified)|"
    r"(?:unconfirmed|unverified) reports?|according to (?:unconfirmed|unverified)|"
    r"not (?:be )?(?:independently )?(?:confirmed|verified)|is said to|are said to|was said to|were said to|"
    r"it is (?:claimed|alleged|believed|rumou?red)|(?:claimed|alleged) to",
    re.IGNORECASE,
)


def _own_cues(tok: Token) -> tuple[bool, str | None]:
    """(negated, modal kind) from the token's own auxiliaries and adverbs."""
    negated = False
    modal: str | None = None
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "neg", "det"} and low in {"never", "not", "n't"}):
            negated = True
        elif child.dep_ in {"aux", "auxpass"}:
            if low in FUTURE:
                modal = modal or "predicted"
            elif low in MODALS:
                modal = "hypothetical"
        elif child.dep_ == "advmod" and low in HEDGE_ADVERBS:
            modal = modal or "hedged"
        elif child.dep_ == "mark" and low in CONDITIONAL_MARKS:
            modal = "hypothetical"
    return negated, modal


def factuality_of(trigger: Token, sent: Span | None = None) -> Factuality:
    """The factuality of the clause governed by ``trigger`` (a verb or an event noun)."""
    negated, modal = _own_cues(trigger)
    # walk up the verbs the trigger depends on: "did not say they attacked", "plans to retake"
    node = trigger
    hops = 0
    while node.head is not node and hops < 4:
        dep = node.dep_
        head = node.head
        hops += 1
        if dep in {"xcomp", "ccomp", "advcl", "conj", "pcomp", "pobj", "dobj", "nsubj", "nsubjpass", "prep",
                   "acl", "relcl", "attr", "appos", "compound", "amod", "poss"}:
            lemma = head.lemma_.lower()
            h_neg, h_modal = _own_cues(head)
            if lemma in DENY_VERBS and dep in {"ccomp", "xcomp", "dobj", "pcomp"}:
                return "denied"
            if dep == "xcomp" and lemma in INTENT_VERBS:
                modal = modal or ("predicted" if lemma in PREDICT_INTENT else "hypothetical")
            if dep in {"ccomp", "xcomp"} and lemma in HEDGE_VERBS:
                modal = modal or "hedged"
            if dep in {"xcomp", "conj", "acl"}:
                negated = negated or h_neg
                modal = modal or h_modal
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
                modal = "hypothetical"
            if dep in {"relcl", "ccomp", "advcl"}:
                break
        node = head
    if negated:
        return "denied"
    if modal is not None:
        return modal  # type: ignore[return-value]
    if sent is not None and _HEDGE_PHRASES.search(sent.text):
        return "hedged"
    return "asserted"


def sentence_factuality(sent: Span) -> Factuality:
    """A coarse reading of a whole sentence, from its root verb and hedging phrases."""
    return factuality_of(sent.root, sent)


def is_future(tok: Token) -> bool:
    """True when the verb is marked as future: "will retake", "is going to", "plans to"."""
    for child in tok.children:
        if child.dep_ in {"aux", "auxpass"} and child.lower_ in FUTURE:
            return True
    head = tok.head
    if tok.dep_ == "xcomp" and head is not tok:
        if head.lemma_ == "go" and any(c.dep_ == "aux" for c in head.children) and head.tag_ == "VBG":
            return True
        if head.lemma_.lower() in PREDICT_INTENT or head.lower_ in {"likely", "expected", "set", "due"}:
            return True
        if head.lemma_ == "be" and any(c.lower_ in {"likely", "expected", "set", "due"} for c in head.children):
            return True
    return bool(tok.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lower_ in {"likely", "expected", "set", "due"})
