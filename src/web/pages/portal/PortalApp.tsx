import { Route, Routes } from 'react-router-dom';
import PollBallotPage from './PollBallotPage.tsx';
import PortalDeputiesPage from './PortalDeputiesPage.tsx';
import PortalHomePage from './PortalHomePage.tsx';
import { PortalLayout } from './PortalLayout.tsx';
import PortalResultsPage from './PortalResultsPage.tsx';
import PortalSubmitPage from './PortalSubmitPage.tsx';
import PortalTrackPage from './PortalTrackPage.tsx';
import TownListPage from './TownListPage.tsx';

/**
 * The public portal (群众意见) under /p: no sign-in, no session, phone first. Mounted by router.tsx
 * outside the signed-in shell, so nothing here asks who the user is.
 */
export default function PortalApp() {
  return (
    <Routes>
      <Route index element={<TownListPage />} />
      <Route path=":townCode" element={<PortalLayout />}>
        <Route index element={<PortalHomePage />} />
        <Route path="deputies" element={<PortalDeputiesPage />} />
        <Route path="submit" element={<PortalSubmitPage />} />
        <Route path="track" element={<PortalTrackPage />} />
        <Route path="results" element={<PortalResultsPage />} />
        <Route path="polls/:pollId" element={<PollBallotPage />} />
        <Route path="*" element={<PortalHomePage />} />
      </Route>
    </Routes>
  );
}
