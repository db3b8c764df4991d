// Footnote playground page. It plays a Discord client: what you type becomes a channel message or
// an interaction on the local Discord stand-in (POST /api/*), and everything shown in the channel
// arrives from the stand-in over Server-Sent Events (/api/events) after the real bot sent it over
// REST. The page never calls the answer engine; /api/article only feeds the article panel.
import { loadArticle } from './article-pane.js';
import { followCitationClicks } from './citations.js';
import { startComposer } from './composer.js';
import { connect } from './live-events.js';

followCitationClicks();
connect();
void loadArticle();
startComposer();
